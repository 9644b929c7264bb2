package dev.infrajunit.monitor;

import dev.infrajunit.monitor.alert.Alertmanager;
import dev.infrajunit.monitor.http.Health;
import dev.infrajunit.monitor.http.MonitorMetrics;
import dev.infrajunit.monitor.http.MonitorServer;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.CycleRunner;
import dev.infrajunit.monitor.run.Selection;
import dev.infrajunit.monitor.state.Cycles;
import dev.infrajunit.monitor.state.StateFile;
import dev.infrajunit.monitor.state.StateMachine;
import dev.infrajunit.monitor.state.Thresholds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A monitor as the command line wires it, serving on a free loopback port, its cycles run by the test. */
public final class TestMonitor implements AutoCloseable {

    /** The example specs against the demo fleet, as the README runs them. */
    public static final Selection DEMO = new Selection(List.of(), List.of("dev.infrajunit.examples"), List.of(),
            List.of(".*Spec"), List.of(), List.of(), Map.of("infra.environment", "demo"));

    private final Monitor monitor;
    private final MonitorServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestMonitor(Monitor monitor, MonitorServer server) {
        this.monitor = monitor;
        this.server = server;
    }

    public static TestMonitor start(Selection selection, Thresholds thresholds, Path stateFile, List<URI> alertmanagers,
                                    Duration interval) throws IOException {
        Clock clock = Clock.systemUTC();
        StateFile file = new StateFile(stateFile, System.err::println);
        MonitorMetrics metrics = new MonitorMetrics();
        String environment = selection.configuration().getOrDefault("infra.environment", "");
        Monitor monitor = new Monitor(new CycleRunner(selection, clock), new Cycles(new StateMachine(thresholds)), file,
                file.load(clock.instant()), metrics, alertmanagers.stream().map(Alertmanager::new).toList(), environment,
                interval, clock, System.err);
        Health health = new Health(interval, Duration.ofSeconds(60), clock.instant(), clock);
        MonitorServer server = MonitorServer.start(new InetSocketAddress("127.0.0.1", 0), metrics, monitor::state, health,
                Duration.ofSeconds(30));
        return new TestMonitor(monitor, server);
    }

    public Monitor monitor() {
        return monitor;
    }

    public CycleResults cycle() {
        return monitor.cycle();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}

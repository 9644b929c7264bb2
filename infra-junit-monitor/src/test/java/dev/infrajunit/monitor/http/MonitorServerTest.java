package dev.infrajunit.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infrajunit.monitor.run.BackupAge;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.CheckResult;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.Result;
import dev.infrajunit.monitor.state.Cycles;
import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.StateMachine;
import dev.infrajunit.monitor.state.Thresholds;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP, fed states made by the real state machine. */
class MonitorServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-02T04:00:00Z");
    private static final CheckKey DB1 = new CheckKey("com.acme.BackupSpec", "backup", "db-1");
    private static final CheckKey DB2 = new CheckKey("com.acme.BackupSpec", "backup", "db-2");

    private final Cycles cycles = new Cycles(new StateMachine(new Thresholds(1, 1, 50, 25)));
    private final AtomicReference<MonitorState> state = new AtomicReference<>(MonitorState.empty());
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final MonitorMetrics metrics = new MonitorMetrics();
    private final HttpClient client = HttpClient.newHttpClient();
    private MonitorServer server;

    @BeforeEach
    void start() throws Exception {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        server = MonitorServer.start(new InetSocketAddress("127.0.0.1", 0), metrics, state::get,
                new Health(Duration.ofMinutes(1), Duration.ofSeconds(60), START, clock), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void seriesOfChecksAndHostsThatAreGoneAreRemoved() throws Exception {
        cycle(true, List.of(), new CheckResult(DB1, Result.PASS, "", false, Duration.ofMillis(30), Set.of(), List.of()),
                new CheckResult(DB2, Result.FAIL, "db-2: too old", false, Duration.ofMillis(40), Set.of("backup"),
                        List.of(new BackupAge("db-2", "files /b/*.dump", 183_600, 86_400))));
        String before = get("/metrics").body();
        assertThat(before).contains("host=\"db-2\"", "infra_backup_age_seconds{check=\"backup\",host=\"db-2\",policy=\"files /b/*.dump\",spec=\"com.acme.BackupSpec\"}"
                        + " 183600.0",
                "infra_backup_max_age_seconds{check=\"backup\",host=\"db-2\",policy=\"files /b/*.dump\",spec=\"com.acme.BackupSpec\"}"
                        + " 86400.0",
                "infra_host_reachable{host=\"db-2\"} 1.0", "infra_check_failing_since_timestamp_seconds{check=\"backup\",host=\"db-2\"");

        cycle(true, List.of(), CheckResult.of(DB1, Result.PASS, ""));
        String after = get("/metrics").body();
        assertThat(after).doesNotContain("db-2").contains("infra_check_success{check=\"backup\",host=\"db-1\",spec=\"com.acme.BackupSpec\"} 1.0",
                "infra_monitor_cycles_total 2.0");
    }

    @Test
    void aDiscoveryMistakeKeepsTheUnseenChecksAndShowsOnThePageAndInTheMetrics() throws Exception {
        cycle(true, List.of(), CheckResult.of(DB1, Result.PASS, ""), CheckResult.of(DB2, Result.PASS, ""));
        cycle(false, List.of("@ForEachHost(\"db-<9>\") on BackupSpec.backup(): matches no host"), CheckResult.of(DB1, Result.PASS, ""));
        assertThat(get("/metrics").body()).contains("infra_monitor_discovery_errors 1.0", "host=\"db-2\"");
        String page = get("/").body();
        assertThat(page).contains("<section id=\"discovery-errors\">",
                "<li>@ForEachHost(&quot;db-&lt;9&gt;&quot;) on BackupSpec.backup(): matches no host</li>");
        JsonNode status = JSON.readTree(get("/api/status").body());
        assertThat(status.get("discoveryErrors").get(0).asText()).isEqualTo("@ForEachHost(\"db-<9>\") on BackupSpec.backup(): matches no host");
    }

    @Test
    void healthzTurns503WhenNoCycleEndedWithinTwoIntervalsAndTheCheckTimeout() throws Exception {
        assertThat(get("/healthz").statusCode()).as("the first cycle may take its time").isEqualTo(200);
        now.set(START.plusSeconds(181));
        HttpResponse<String> stale = get("/healthz");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(stale.body()).isEqualTo("the last cycle ended more than 180 s ago\n");
        cycle(true, List.of(), CheckResult.of(DB1, Result.PASS, ""));
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void statusJsonHasEveryCheckWithItsState() throws Exception {
        cycle(true, List.of(), new CheckResult(DB2, Result.ERROR, "db-2: connection refused by 10.0.1.12:22", true, Duration.ofMillis(1500),
                Set.of("backup"), List.of()));
        JsonNode status = JSON.readTree(get("/api/status").body());
        assertThat(status.get("cycle").asLong()).isEqualTo(1);
        assertThat(status.get("cycleEnded").asText()).isEqualTo(now.get().plusSeconds(2).toString());
        JsonNode check = status.get("checks").get(0);
        assertThat(check.get("spec").asText()).isEqualTo("com.acme.BackupSpec");
        assertThat(check.get("check").asText()).isEqualTo("backup");
        assertThat(check.get("host").asText()).isEqualTo("db-2");
        assertThat(check.get("result").asText()).isEqualTo("error");
        assertThat(check.get("state").asText()).isEqualTo("failing");
        assertThat(check.get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(check.get("failingSince").asText()).isEqualTo(check.get("lastStateChange").asText());
        assertThat(check.get("message").asText()).isEqualTo("db-2: connection refused by 10.0.1.12:22");
        assertThat(check.get("durationSeconds").asDouble()).isEqualTo(1.5);
        assertThat(check.get("heldByHost").asBoolean()).isTrue();
        assertThat(status.get("hosts").get(0).get("reachable").asBoolean()).isFalse();
        String page = get("/").body();
        assertThat(page).contains("class=\"unreachable\"", "state-could-not-check");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    private void cycle(boolean complete, List<String> discoveryErrors, CheckResult... results) {
        Instant started = now.get();
        state.set(cycles.apply(state.get(), new CycleResults(started, started.plusSeconds(2), List.of(results), discoveryErrors, complete)));
        metrics.publish(state.get());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

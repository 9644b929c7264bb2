package dev.infrajunit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.embedded.ResourcePeaks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.SocketFactory;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link FleetBaselineSpec} (8 checks per host) through the JUnit Launcher against N real
 * OpenSSH hosts on loopback, as {@code mvn test} would, and prints for each N: wall seconds, checks
 * per second, peak threads, open file descriptors and resident memory, and the SSH sessions each
 * host served (counted in its sshd log). In the same invocation two bare SSHJ loops run on the same
 * hosts with the same parallelism, both sending the spec's eight commands to each host: one spread
 * over as many sessions per host as the run used, one in one session per command (per check);
 * their wall times are the baselines the run is a ratio of. A
 * benchmark, not a test: it asserts that every check passed, never a time, and it is not part of
 * the default run (its name does not end in Test).
 *
 * <pre>
 * scripts/start-test-sshd.sh 500
 * ./mvnw -q -B test -pl infra-junit-assertions -am -Dtest=FleetBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.hosts=10,100,300,500
 * scripts/stop-test-sshd.sh
 * </pre>
 */
@Tag("benchmark")
class FleetBenchmark {

    /** What the spec's eight checks ask a host, as a bare loop sends them. */
    private static final List<String> COMMANDS = List.of(
            "stat -c '%a %U %G %s' -- /etc/passwd",
            "dpkg-query -W -f='${Package}\\t${Version}\\n'",
            "getent passwd infratest",
            "sysctl -n kernel.ostype",
            "df -P /",
            "cat /etc/os-release",
            "uname -srm",
            "ss -ltun");
    private static final int PARALLELISM = 32;

    @TempDir
    Path work;

    @Test
    void checksTheFleet() throws Exception {
        OpenSshFleet fleet = OpenSshFleet.requireRunning();
        List<String> endpoints = fleet.hosts().stream().map(OpenSshFleet.Endpoint::toString).toList();
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.hosts", "10,100").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        assertThat(endpoints.size()).as("hosts in the fleet; start more with scripts/start-test-sshd.sh N")
                .isGreaterThanOrEqualTo(sizes.stream().mapToInt(Integer::intValue).max().orElse(1));

        run(fleet, environment(fleet, endpoints.subList(0, Math.min(5, endpoints.size()))), 5, "warm-up");
        bareLoop(fleet, fleet.hosts().subList(0, Math.min(5, endpoints.size())), 2);
        List<String> rows = new ArrayList<>();
        rows.add("| hosts | checks | wall | checks/s | peak threads | peak open files | peak RSS | sessions/host (most)"
                + " | bare SSHJ, same sessions | ratio | bare SSHJ, one session per check | ratio |");
        rows.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int hosts : sizes) {
            Measured m = run(fleet, environment(fleet, endpoints.subList(0, hosts)), hosts, hosts + " hosts");
            int sessions = (int) Math.ceil(m.sessionsPerHost);
            double same = bareLoop(fleet, fleet.hosts().subList(0, hosts), sessions);
            double perCheck = bareLoop(fleet, fleet.hosts().subList(0, hosts), COMMANDS.size());
            rows.add(String.format(Locale.ROOT, "| %d | %d | %.2f s | %.0f | %d | %d | %.0f MB | %.1f (%d) | %.2f s | %.2f | %.2f s | %.2f |",
                    hosts, m.tests, m.wallSeconds, m.tests / m.wallSeconds, m.peakThreads, m.peakFds, m.peakRssMb,
                    m.sessionsPerHost, m.mostSessions, same, m.wallSeconds / same, perCheck, m.wallSeconds / perCheck));
        }
        System.out.println("infra.parallelism " + PARALLELISM + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        rows.forEach(System.out::println);
    }

    record Measured(long tests, double wallSeconds, double peakRssMb, long peakFds, int peakThreads, double sessionsPerHost,
                    long mostSessions) {
    }

    private Measured run(OpenSshFleet fleet, Path environment, int hosts, String label) throws Exception {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FleetBaselineSpec.class))
                .configurationParameter("infra.environment", environment.toString())
                .configurationParameter("infra.parallelism", String.valueOf(PARALLELISM))
                .build();
        long[] sessionsBefore = sessionsByHost(fleet, hosts);
        ResourcePeaks peaks = ResourcePeaks.start();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long started = System.nanoTime();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary);
        double wall = (System.nanoTime() - started) / 1e9;
        ResourcePeaks.Peaks peak = peaks.stop();
        long[] after = sessionsByHost(fleet, hosts);
        double sessionsPerHost = (Arrays.stream(after).sum() - Arrays.stream(sessionsBefore).sum()) / (double) hosts;
        long mostSessions = 0;
        for (int i = 0; i < hosts; i++) {
            mostSessions = Math.max(mostSessions, after[i] - sessionsBefore[i]);
        }

        TestExecutionSummary result = summary.getSummary();
        if (result.getTotalFailureCount() > 0) {
            result.getFailures().stream().limit(10).forEach(failure -> System.out.println(
                    failure.getTestIdentifier().getLegacyReportingName() + ": " + failure.getException().getMessage()));
        }
        assertThat(result.getTotalFailureCount()).as("failed checks in the %s run", label).isZero();
        return new Measured(result.getTestsSucceededCount(), wall, peak.rssMb(), peak.fileDescriptors(), peak.threads(),
                sessionsPerHost, mostSessions);
    }

    /**
     * SSHJ alone: on {@link #PARALLELISM} threads, each host's connection is opened, the spec's
     * commands run in {@code sessionsPerHost} sessions (see {@link #sessionScripts}), and the
     * connection is closed. Wall seconds.
     */
    private static double bareLoop(OpenSshFleet fleet, List<OpenSshFleet.Endpoint> hosts, int sessionsPerHost) throws Exception {
        DefaultConfig config = new DefaultConfig();
        OpenSSHKnownHosts knownHosts = new OpenSSHKnownHosts(fleet.knownHosts().toFile());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (OpenSshFleet.Endpoint host : hosts) {
                done.add(pool.submit(() -> {
                    try (SSHClient client = new SSHClient(config)) {
                        client.setSocketFactory(new NoDelay());
                        client.addHostKeyVerifier(knownHosts);
                        client.connect(host.address(), host.port());
                        client.authPublickey(fleet.user(), client.loadKeys(fleet.identityFile().toString()));
                        for (String script : sessionScripts(sessionsPerHost)) {
                            try (Session session = client.startSession()) {
                                Session.Command command = session.exec(script);
                                command.getInputStream().transferTo(OutputStream.nullOutputStream());
                                command.join();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * What each of {@code sessions} sessions runs: the eight commands dealt out over them in turn
     * (three sessions: commands 1, 4, 7; 2, 5, 8; 3, 6), or with more sessions than commands one
     * command each, over and over.
     */
    static List<String> sessionScripts(int sessions) {
        List<String> scripts = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            if (sessions >= COMMANDS.size()) {
                scripts.add(COMMANDS.get(i % COMMANDS.size()));
            } else {
                List<String> dealt = new ArrayList<>();
                for (int c = i; c < COMMANDS.size(); c += sessions) {
                    dealt.add(COMMANDS.get(c));
                }
                scripts.add(String.join("; ", dealt));
            }
        }
        return scripts;
    }

    /** TCP_NODELAY, as the engine's connections have it: without it every small round trip waits for a delayed ACK. */
    private static final class NoDelay extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException();
        }
    }

    /** Sessions each of the first {@code hosts} hosts' sshd processes has started so far, from their logs. */
    private static long[] sessionsByHost(OpenSshFleet fleet, int hosts) {
        long[] counts = new long[hosts];
        for (int i = 0; i < hosts; i++) {
            counts[i] = fleet.sessionsStarted(i + 1);
        }
        return counts;
    }

    private Path environment(OpenSshFleet fleet, List<String> endpoints) throws IOException {
        Path file = work.resolve("fleet-" + endpoints.size() + ".yaml");
        Files.writeString(file, fleet.environment(endpoints.size()));
        return file;
    }
}

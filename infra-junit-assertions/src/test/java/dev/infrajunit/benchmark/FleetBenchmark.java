package dev.infrajunit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.management.OperatingSystemMXBean;
import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.embedded.ResourcePeaks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link FleetBaselineSpec} (8 checks per host) through the JUnit Launcher against N real
 * OpenSSH hosts on loopback, as {@code mvn test} would, and prints for each N: wall seconds, checks
 * per second, peak threads, open file descriptors and resident memory, and the SSH sessions each
 * host served (counted in its sshd log). In the same invocation two bare SSHJ loops run on the same
 * hosts with the same parallelism, both sending each host the command lines the run sent it (as its
 * command log's report entries have them), so that the remote work is the same on both sides: one
 * spread over as many sessions per host as the run used, one in one session per command (per
 * check); their wall times are the baselines the run is a ratio of. Each size is measured in
 * rounds of the run and both loops: {@code bench.warmups} rounds (default 2) warm the JVM's
 * compiler up, then the median of {@code bench.rounds} (default 3) is reported, with the first
 * round's ratio beside it, which is what a fresh JVM (a build's first run) sees. The first round
 * runs infra-junit first, and the order alternates after it, so that neither side's measurement
 * pays for the compilation the other then reuses; each round prints a line. After the rounds, the
 * run goes once more, alone in a fresh JVM with the JVM's default settings ({@link FreshJvmRun}):
 * its wall time and peaks are those of a build's test JVM; and the bare loop with the run's
 * sessions goes once in a fresh JVM too, so that a build's first run has a baseline that also
 * starts cold. Beside the wall times: the processor time of this JVM and of the fleet's sshd
 * processes (with the commands they ran), as the machine's cores are what both sides share, and
 * the part of the JVM's processor time its JIT compiler used, which is where a young JVM's extra time goes.
 * A benchmark, not a test: it asserts that every check passed, never a time, and it is not part
 * of the default run (its name does not end in Test).
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

    private static final int PARALLELISM = 32;

    @TempDir
    Path work;

    /** The command lines the last run sent to each host (by its name in the environment), as its command log has them. */
    private final Map<String, List<String>> sentCommands = new ConcurrentHashMap<>();

    @Test
    void checksTheFleet() throws Exception {
        OpenSshFleet fleet = OpenSshFleet.requireRunning();
        List<String> endpoints = fleet.hosts().stream().map(OpenSshFleet.Endpoint::toString).toList();
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.hosts", "10,100").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        assertThat(endpoints.size()).as("hosts in the fleet; start more with scripts/start-test-sshd.sh N")
                .isGreaterThanOrEqualTo(sizes.stream().mapToInt(Integer::intValue).max().orElse(1));

        int warmUps = Integer.getInteger("bench.warmups", 2);
        int rounds = Integer.getInteger("bench.rounds", 3);
        run(fleet, environment(fleet, endpoints.subList(0, Math.min(5, endpoints.size()))), 5, "warm-up");
        bareLoop(fleet, fleet.hosts().subList(0, Math.min(5, endpoints.size())), 2);
        List<String> rows = new ArrayList<>();
        rows.add("| hosts | checks | wall | checks/s | peak threads | peak open files | peak RSS | sessions/host (most)"
                + " | bare SSHJ, same sessions | ratio | bare SSHJ, one session per check | ratio | first round's ratio"
                + " | CPU s: JVM, sshd (run) | CPU s: JVM, sshd (bare, same sessions) | CPU s of the JIT compiler: run, bare"
                + " | run alone in a fresh JVM: wall, peak RSS, peak threads | bare SSHJ alone in a fresh JVM | ratio |");
        rows.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int hosts : sizes) {
            List<Round> measured = new ArrayList<>();
            Round first = null;
            int sessions = 0;
            for (int i = 0; i < warmUps + rounds; i++) {
                // the first round runs infra-junit first, as a user's first run; then the order alternates
                Round round = round(fleet, endpoints, hosts, sessions, i % 2 == 0);
                System.out.printf(Locale.ROOT, "%d hosts, %s round %d (%s first): run %.2f s, bare SSHJ %.2f s, ratio %.2f;"
                                + " JVM CPU %.2f s against %.2f s, JIT compiler threads' CPU %.2f s against %.2f s%n", hosts,
                        i < warmUps ? "warm-up" : "measured", i + 1, i % 2 == 0 ? "run" : "loop", round.run.spent.wallSeconds,
                        round.same.wallSeconds, round.sameSessionsRatio(), round.run.spent.jvmCpuSeconds,
                        round.same.jvmCpuSeconds, round.run.spent.compilerCpuSeconds, round.same.compilerCpuSeconds);
                sessions = round.run.sessions();
                if (i == 0) {
                    first = round;
                }
                if (i >= warmUps) {
                    measured.add(round);
                }
            }
            FreshJvmRun.Measured alone = FreshJvmRun.measure(environment(fleet, endpoints.subList(0, hosts)), PARALLELISM,
                    Files.createTempDirectory(work, "report-"));
            assertThat(alone.failed()).as("failed checks in the fresh JVM's run over %d hosts", hosts).isZero();
            assertThat(alone.succeeded()).as("passed checks in the fresh JVM's run over %d hosts", hosts)
                    .isEqualTo(measured.get(0).run.tests);
            Path commands = work.resolve("commands-" + hosts + ".bin");
            BareSshjLoop.write(sentCommands, commands);
            double loopAlone = FreshJvmRun.measureLoop(commands, hosts, sessions, PARALLELISM);
            rows.add(row(hosts, first, measured, alone, loopAlone));
        }
        System.out.println("infra.parallelism " + PARALLELISM + ", " + Runtime.getRuntime().availableProcessors() + " cores; "
                + warmUps + " warm-up round(s), then the median of " + rounds + " (peaks: the highest)");
        rows.forEach(System.out::println);
    }

    /**
     * One round: infra-junit over {@code hosts} hosts, and the two bare loops over the same hosts.
     * The loop with the run's sessions needs to know how many it used: before the first run, the
     * rounds that run the loops first take the count of the round before.
     */
    private Round round(OpenSshFleet fleet, List<String> endpoints, int hosts, int sessionsBefore, boolean runFirst)
            throws Exception {
        List<OpenSshFleet.Endpoint> targets = fleet.hosts().subList(0, hosts);
        Path environment = environment(fleet, endpoints.subList(0, hosts));
        if (runFirst) {
            Measured run = run(fleet, environment, hosts, hosts + " hosts");
            return new Round(run, bareLoop(fleet, targets, run.sessions()), bareLoop(fleet, targets, BareSshjLoop.SESSION_PER_COMMAND));
        }
        Spent same = bareLoop(fleet, targets, sessionsBefore);
        Spent perCheck = bareLoop(fleet, targets, BareSshjLoop.SESSION_PER_COMMAND);
        return new Round(run(fleet, environment, hosts, hosts + " hosts"), same, perCheck);
    }

    private static String row(int hosts, Round first, List<Round> rounds, FreshJvmRun.Measured alone, double loopAlone) {
        Round any = rounds.get(0);
        double wall = median(rounds, r -> r.run.spent.wallSeconds);
        return String.format(Locale.ROOT, "| %d | %d | %.2f s | %.0f | %d | %d | %.0f MB | %.1f (%d) | %.2f s | %.2f"
                        + " | %.2f s | %.2f | %.2f | %.2f, %.2f | %.2f, %.2f | %.2f, %.2f | %.2f s, %.0f MB, %d | %.2f s | %.2f |",
                hosts, any.run.tests, wall, any.run.tests / wall,
                rounds.stream().mapToInt(r -> r.run.peakThreads).max().orElseThrow(),
                rounds.stream().mapToLong(r -> r.run.peakFds).max().orElseThrow(),
                rounds.stream().mapToDouble(r -> r.run.peakRssMb).max().orElseThrow(),
                median(rounds, r -> r.run.sessionsPerHost), rounds.stream().mapToLong(r -> r.run.mostSessions).max().orElseThrow(),
                median(rounds, r -> r.same.wallSeconds), median(rounds, Round::sameSessionsRatio),
                median(rounds, r -> r.perCheck.wallSeconds), median(rounds, r -> r.run.spent.wallSeconds / r.perCheck.wallSeconds),
                first.sameSessionsRatio(),
                median(rounds, r -> r.run.spent.jvmCpuSeconds), median(rounds, r -> r.run.spent.sshdCpuSeconds),
                median(rounds, r -> r.same.jvmCpuSeconds), median(rounds, r -> r.same.sshdCpuSeconds),
                median(rounds, r -> r.run.spent.compilerCpuSeconds), median(rounds, r -> r.same.compilerCpuSeconds),
                alone.wallSeconds(), alone.rssMb(), alone.threads(), loopAlone, alone.wallSeconds() / loopAlone);
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** infra-junit's run and the two bare loops, measured in one round. */
    record Round(Measured run, Spent same, Spent perCheck) {

        double sameSessionsRatio() {
            return run.spent.wallSeconds / same.wallSeconds;
        }
    }

    record Measured(long tests, Spent spent, double peakRssMb, long peakFds, int peakThreads, double sessionsPerHost,
                    long mostSessions) {

        /** Sessions per host, whole: what a bare loop opens to do the same. */
        int sessions() {
            return (int) Math.ceil(sessionsPerHost);
        }
    }

    /**
     * Wall time; the processor time this JVM and the fleet's sshd processes (with their commands)
     * used in it; and the part of the JVM's that its JIT compiler threads used.
     */
    record Spent(double wallSeconds, double jvmCpuSeconds, double sshdCpuSeconds, double compilerCpuSeconds) {
    }

    /** Measures what happens from its start to {@link #stop}. */
    private record Stopwatch(OpenSshFleet fleet, long wallNanos, long jvmCpuNanos, double sshdCpuSeconds,
                             double compilerCpuAtStart) {

        /** Clock ticks per second of /proc's times (USER_HZ), 100 on Linux wherever it runs. */
        private static final double TICKS_PER_SECOND = 100;

        static Stopwatch start(OpenSshFleet fleet) {
            return new Stopwatch(fleet, System.nanoTime(), processCpuNanos(), fleet.sshdCpuSeconds(), compilerThreadsCpu());
        }

        Spent stop() {
            return new Spent((System.nanoTime() - wallNanos) / 1e9, (processCpuNanos() - jvmCpuNanos) / 1e9,
                    fleet.sshdCpuSeconds() - sshdCpuSeconds, compilerThreadsCpu() - compilerCpuAtStart);
        }

        /**
         * The processor time of this JVM's JIT compiler threads, from /proc: the JVM's own
         * compilation time counts compilations' elapsed time, which on busy cores is mostly waiting.
         */
        private static double compilerThreadsCpu() {
            long ticks = 0;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path task : tasks) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (name.contains("CompilerThre")) {
                            // after the name: state is field 3, utime and stime fields 14 and 15
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                return Double.NaN;
            }
            return ticks / TICKS_PER_SECOND;
        }

        private static long processCpuNanos() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    /** The run the benchmark measures, in its own JVM and in {@link FreshJvmRun}'s. */
    static LauncherDiscoveryRequest request(Path environment, int parallelism, Path reportDir) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FleetBaselineSpec.class))
                .configurationParameter("infra.environment", environment.toString())
                .configurationParameter("infra.parallelism", String.valueOf(parallelism))
                .configurationParameter("infra.report.dir", reportDir.toString())
                .build();
    }

    private Measured run(OpenSshFleet fleet, Path environment, int hosts, String label) throws Exception {
        // a report of its own, as each build of a user's writes: the runs of one JVM would share one (one build's)
        LauncherDiscoveryRequest request = request(environment, PARALLELISM, Files.createTempDirectory(work, "report-"));
        long[] logEnds = logEnds(fleet, hosts);
        ResourcePeaks peaks = ResourcePeaks.start();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Map<String, List<String>> sent = new ConcurrentHashMap<>();
        TestExecutionListener commandLog = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
                Map<String, String> values = entry.getKeyValuePairs();
                if (values.containsKey("host") && values.containsKey("command")) {
                    sent.computeIfAbsent(values.get("host"), host -> new CopyOnWriteArrayList<>()).add(values.get("command"));
                }
            }
        };
        Stopwatch stopwatch = Stopwatch.start(fleet);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, commandLog);
        Spent spent = stopwatch.stop();
        ResourcePeaks.Peaks peak = peaks.stop();
        long[] sessions = sessionsSince(fleet, logEnds);
        double sessionsPerHost = Arrays.stream(sessions).sum() / (double) hosts;
        long mostSessions = Arrays.stream(sessions).max().orElse(0);

        TestExecutionSummary result = summary.getSummary();
        if (result.getTotalFailureCount() > 0) {
            result.getFailures().stream().limit(10).forEach(failure -> System.out.println(
                    failure.getTestIdentifier().getLegacyReportingName() + ": " + failure.getException().getMessage()));
        }
        assertThat(result.getTotalFailureCount()).as("failed checks in the %s run", label).isZero();
        sentCommands.putAll(sent);
        return new Measured(result.getTestsSucceededCount(), spent, peak.rssMb(), peak.fileDescriptors(), peak.threads(),
                sessionsPerHost, mostSessions);
    }

    /** {@link BareSshjLoop} over {@code hosts}, sending each the command lines the last run sent it. */
    private Spent bareLoop(OpenSshFleet fleet, List<OpenSshFleet.Endpoint> hosts, int sessionsPerHost) throws Exception {
        // sampled as the run is, so that both sides pay for the sampling
        ResourcePeaks peaks = ResourcePeaks.start();
        Stopwatch stopwatch = Stopwatch.start(fleet);
        BareSshjLoop.run(fleet, hosts, sentCommands, sessionsPerHost, PARALLELISM);
        Spent spent = stopwatch.stop();
        peaks.stop();
        return spent;
    }

    /** How long each of the first {@code hosts} hosts' sshd logs is: where a phase's sessions will be counted from. */
    private static long[] logEnds(OpenSshFleet fleet, int hosts) throws IOException {
        long[] ends = new long[hosts];
        for (int i = 0; i < hosts; i++) {
            ends[i] = Files.size(fleet.sshdLog(i + 1));
        }
        return ends;
    }

    /**
     * Sessions each host's sshd started after its log's end in {@code ends}. Only what came after is
     * read: reading whole logs between phases would keep the JIT compiler busy into the next phase.
     */
    private static long[] sessionsSince(OpenSshFleet fleet, long[] ends) throws IOException {
        long[] counts = new long[ends.length];
        for (int i = 0; i < ends.length; i++) {
            try (SeekableByteChannel log = Files.newByteChannel(fleet.sshdLog(i + 1))) {
                log.position(ends[i]);
                String added = new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8);
                counts[i] = added.lines().filter(line -> line.contains(OpenSshFleet.SESSION_STARTED)).count();
            }
        }
        return counts;
    }

    private Path environment(OpenSshFleet fleet, List<String> endpoints) throws IOException {
        Path file = work.resolve("fleet-" + endpoints.size() + ".yaml");
        Files.writeString(file, fleet.environment(endpoints.size()));
        return file;
    }
}

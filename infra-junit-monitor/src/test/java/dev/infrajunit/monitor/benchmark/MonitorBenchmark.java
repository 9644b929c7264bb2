package dev.infrajunit.monitor.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.benchmark.FleetBaselineSpec;
import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.monitor.TestMonitor;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.Result;
import dev.infrajunit.monitor.run.Selection;
import dev.infrajunit.monitor.state.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.console.ConsoleLauncher;

/**
 * The monitor over N real OpenSSH hosts on loopback, 8 checks each ({@link FleetBaselineSpec}), for
 * 20 cycles, against the bare baseline of one ConsoleLauncher run of the same spec in the same JVM.
 * Prints each cycle's seconds and its ratio to the baseline, threads and heap (after a GC) after
 * each cycle, and the time a scrape of /metrics takes with every check in it. A benchmark, not a
 * test: it asserts that every check passed, never a time, and it is not part of the default run.
 *
 * <pre>
 * INFRA_SSH_FLEET_DIR=/var/lib/infra-junit-test/fleet-1 INFRA_SSH_FLEET_NET=127.0.82 scripts/start-test-sshd.sh 100
 * INFRA_SSH_FLEET=/var/lib/infra-junit-test/fleet-1/fleet.properties ./mvnw -q -B test -pl infra-junit-monitor \
 *     -Dtest=MonitorBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.hosts=100 -Dbench.cycles=20
 * INFRA_SSH_FLEET_DIR=/var/lib/infra-junit-test/fleet-1 INFRA_SSH_FLEET_NET=127.0.82 scripts/stop-test-sshd.sh
 * </pre>
 */
@Tag("benchmark")
class MonitorBenchmark {

    private static final int CHECKS_PER_HOST = 8;

    @TempDir
    Path work;

    @Test
    void keepsTheFleetMonitored() throws Exception {
        int hosts = Integer.getInteger("bench.hosts", 100);
        int cycles = Integer.getInteger("bench.cycles", 20);
        OpenSshFleet fleet = OpenSshFleet.requireRunning().requireHosts(hosts);
        Path environment = environment(fleet, hosts);

        // the bare baseline: the same spec through the ConsoleLauncher, as a user runs it once
        consoleLauncher(environment); // warm-up
        List<Double> baseline = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            baseline.add(consoleLauncher(environment));
        }
        double bare = median(baseline);

        Selection selection = new Selection(List.of(), List.of(), List.of(FleetBaselineSpec.class.getName()), List.of(), List.of(),
                List.of(), Map.of("infra.environment", environment.toString()));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "hosts %d, checks %d, ConsoleLauncher runs (s): %s, median %.2f%n", hosts,
                hosts * CHECKS_PER_HOST, baseline.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(), bare);
        System.out.println("cycle  wall-s  ratio  threads  heap-after-gc-MB  open-fds");
        List<Double> ratios = new ArrayList<>();
        long threadsAfter3 = 0;
        double heapAfter3 = 0;
        try (TestMonitor monitor = TestMonitor.start(selection, Thresholds.DEFAULTS, work.resolve("state.json"), List.of(),
                Duration.ofMinutes(5))) {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                long started = System.nanoTime();
                CycleResults results = monitor.cycle();
                double wall = (System.nanoTime() - started) / 1e9;
                assertThat(results.results()).hasSize(hosts * CHECKS_PER_HOST);
                assertThat(results.results()).as("cycle %d", cycle).allSatisfy(result ->
                        assertThat(result.result()).as(result.key().describe() + ": " + result.message()).isEqualTo(Result.PASS));
                System.gc();
                long threads = ManagementFactory.getThreadMXBean().getThreadCount();
                double heap = memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
                if (cycle == 3) {
                    threadsAfter3 = threads;
                    heapAfter3 = heap;
                }
                ratios.add(wall / bare);
                System.out.printf(Locale.ROOT, "%5d  %6.2f  %5.2f  %7d  %16.1f  %8d%n", cycle, wall, wall / bare, threads, heap,
                        openFileDescriptors());
            }
            List<Double> scrapes = new ArrayList<>();
            int size = 0;
            for (int i = 0; i < 25; i++) {
                long started = System.nanoTime();
                HttpResponse<String> scrape = monitor.get("/metrics");
                scrapes.add((System.nanoTime() - started) / 1e6);
                assertThat(scrape.statusCode()).isEqualTo(200);
                size = scrape.body().length();
            }
            List<Double> measured = scrapes.subList(5, scrapes.size());
            System.out.printf(Locale.ROOT, "after cycle 3: %d threads, %.1f MB heap; after cycle %d: see last row%n",
                    threadsAfter3, heapAfter3, cycles);
            System.out.printf(Locale.ROOT, "cycle/baseline ratio: median %.2f, max %.2f (cycles 2-%d)%n",
                    median(ratios.subList(1, ratios.size())), ratios.subList(1, ratios.size()).stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    cycles);
            System.out.printf(Locale.ROOT, "/metrics with %d checks (%d bytes): median %.1f ms, max %.1f ms over %d scrapes%n",
                    hosts * CHECKS_PER_HOST, size, median(measured), measured.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    measured.size());
        }
    }

    private static double consoleLauncher(Path environment) {
        StringWriter out = new StringWriter();
        long started = System.nanoTime();
        var result = ConsoleLauncher.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "execute", "--disable-banner",
                "--details=none", "--include-engine=infra-junit", "--config=infra.environment=" + environment,
                "--select-class=" + FleetBaselineSpec.class.getName());
        double wall = (System.nanoTime() - started) / 1e9;
        assertThat(result.getExitCode()).as(out.toString()).isZero();
        return wall;
    }

    private Path environment(OpenSshFleet fleet, int hosts) throws IOException {
        return Files.writeString(work.resolve("fleet-" + hosts + ".yaml"), fleet.environment(hosts));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long openFileDescriptors() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}

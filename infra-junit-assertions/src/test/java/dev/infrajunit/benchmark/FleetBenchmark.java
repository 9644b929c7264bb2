package dev.infrajunit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.embedded.ResourcePeaks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * OpenSSH hosts on loopback, as {@code mvn test} would, and prints hosts, checks, wall seconds,
 * peak heap, open file descriptors and threads. A benchmark, not a test: it asserts that every
 * check passed, never a time, and it is not part of the default run (its name does not end in Test).
 *
 * <pre>
 * scripts/start-test-sshd.sh 100
 * ./mvnw -q -B test -pl infra-junit-assertions -am -Dtest=FleetBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.hosts=10,50,100
 * scripts/stop-test-sshd.sh
 * </pre>
 */
@Tag("benchmark")
class FleetBenchmark {

    @TempDir
    Path work;

    @Test
    void checksTheFleet() throws Exception {
        OpenSshFleet fleet = OpenSshFleet.requireRunning();
        List<String> endpoints = fleet.hosts().stream().map(OpenSshFleet.Endpoint::toString).toList();
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.hosts", "10,50,100").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        assertThat(endpoints.size()).as("hosts in the fleet; start more with scripts/start-test-sshd.sh N")
                .isGreaterThanOrEqualTo(sizes.stream().mapToInt(Integer::intValue).max().orElse(1));

        run(environment(fleet, endpoints.subList(0, Math.min(5, endpoints.size()))), "warm-up");
        System.out.println("hosts  checks  tests  wall-s  peak-heap-MB  peak-fds  peak-threads");
        for (int hosts : sizes) {
            Measured m = run(environment(fleet, endpoints.subList(0, hosts)), hosts + " hosts");
            System.out.printf(Locale.ROOT, "%5d  %6d  %5d  %6.2f  %12.1f  %8d  %12d%n", hosts, 8,
                    m.tests, m.wallSeconds, m.peakHeapMb, m.peakFds, m.peakThreads);
        }
    }

    record Measured(long tests, double wallSeconds, double peakHeapMb, long peakFds, int peakThreads) {
    }

    private Measured run(Path environment, String label) throws InterruptedException {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FleetBaselineSpec.class))
                .configurationParameter("infra.environment", environment.toString())
                .build();
        ResourcePeaks peaks = ResourcePeaks.start();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long started = System.nanoTime();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary);
        double wall = (System.nanoTime() - started) / 1e9;
        ResourcePeaks.Peaks peak = peaks.stop();

        TestExecutionSummary result = summary.getSummary();
        if (result.getTotalFailureCount() > 0) {
            result.getFailures().forEach(failure -> System.out.println(failure.getTestIdentifier().getLegacyReportingName()
                    + ": " + failure.getException().getMessage()));
        }
        assertThat(result.getTotalFailureCount()).as("failed checks in the %s run", label).isZero();
        return new Measured(result.getTestsSucceededCount(), wall, peak.heapMb(), peak.fileDescriptors(), peak.threads());
    }

    private Path environment(OpenSshFleet fleet, List<String> endpoints) throws IOException {
        Path file = work.resolve("fleet-" + endpoints.size() + ".yaml");
        Files.writeString(file, fleet.environment(endpoints.size()));
        return file;
    }
}

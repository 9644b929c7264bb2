package dev.infrajunit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.embedded.EmbeddedFleet;
import dev.infrajunit.embedded.OpenSshFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The benchmark's eight checks per host cost each host at most three SSH sessions: the commands
 * its checks start with travel together, and the few asked for after an answer follow in one or
 * two more. Counted by the servers: the embedded SSH servers' exec requests, and the OpenSSH
 * fleet's own logs.
 */
class FleetBaselineSessionsTest {

    private static final int HOSTS = 3;

    @TempDir
    Path dir;

    @Test
    void eachEmbeddedHostServesAtMostThreeSessionsForTheEightChecks() throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(dir, HOSTS)) {
            run(Files.writeString(dir.resolve("embedded.yaml"), fleet.environment()));

            assertThat(fleet.servers()).allSatisfy(server -> assertThat(server.execCount())
                    .as("exec sessions of %s for 8 checks", server).isBetween(1, 3));
        }
    }

    @Test
    @Tag("openssh")
    void eachOpenSshHostServesAtMostThreeSessionsForTheEightChecksAndAllPass() throws Exception {
        OpenSshFleet fleet = OpenSshFleet.requireRunning().requireHosts(HOSTS);
        long[] before = new long[HOSTS + 1];
        for (int i = 1; i <= HOSTS; i++) {
            before[i] = fleet.sessionsStarted(i);
        }

        TestExecutionSummary summary = run(Files.writeString(dir.resolve("fleet.yaml"), fleet.environment(HOSTS)));

        assertThat(summary.getFailures()).extracting(failure -> failure.getException().getMessage()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(8L * HOSTS);
        for (int i = 1; i <= HOSTS; i++) {
            assertThat(fleet.sessionsStarted(i) - before[i]).as("sessions of host-%d (%s) for 8 checks", i, fleet.hosts().get(i - 1))
                    .isBetween(1L, 3L);
        }
    }

    private static TestExecutionSummary run(Path environment) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FleetBaselineSpec.class))
                .configurationParameter("infra.environment", environment.toString())
                .configurationParameter("infra.report.enabled", "false")
                .configurationParameter("infra.progress.enabled", "false")
                .build(), summary);
        return summary.getSummary();
    }
}

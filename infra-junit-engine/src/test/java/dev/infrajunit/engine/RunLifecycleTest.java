package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.DiscoverOnly;
import dev.infrajunit.engine.fixtures.RecordingEnvironmentProvider;
import dev.infrajunit.engine.fixtures.good.CancellingSpec;
import dev.infrajunit.engine.fixtures.good.OutlivesItsRunSpec;
import dev.infrajunit.engine.fixtures.good.SharedResourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLifecycleTest {

    @Test
    void aSharedResourceIsCreatedOnceAndClosedWhenTheRunEndsEvenAfterFailures() {
        SharedResourceSpec.CREATED.set(0);
        SharedResourceSpec.CLOSED.set(0);

        EngineKit.onFleet().selectors(selectClass(SharedResourceSpec.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(4).failed(1));

        assertThat(SharedResourceSpec.CREATED).hasValue(1);
        assertThat(SharedResourceSpec.CLOSED).hasValue(1);
    }

    @Test
    void anEnvironmentAProviderStartedIsStoppedWhenTheRunEnds() {
        int started = RecordingEnvironmentProvider.STARTED.get();
        int stopped = RecordingEnvironmentProvider.STOPPED.get();

        EngineKit.onFleet().configurationParameter("infra.environment", "started-fleet")
                .selectors(selectClass(SharedResourceSpec.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(4).succeeded(3).failed(1));

        assertThat(RecordingEnvironmentProvider.STARTED.get() - started).isEqualTo(1);
        assertThat(RecordingEnvironmentProvider.STOPPED.get() - stopped).isEqualTo(1);
    }

    @Test
    void aCancelledRunSkipsWhatIsLeftAndStillClosesWhatItOpened() {
        CancellingSpec.token = org.junit.platform.engine.CancellationToken.create();
        CancellingSpec.CLOSED.set(0);

        EngineKit.onFleet().configurationParameter("infra.parallel.enabled", "false")
                .cancellationToken(CancellingSpec.token)
                .selectors(selectClass(CancellingSpec.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(3));

        assertThat(CancellingSpec.CLOSED).hasValue(1);
    }

    /**
     * Discovery needs the environment's hosts, so a provider's environment (the demo fleet) starts
     * then. A launch that never executes (an IDE listing the specs, a dry run, a run refused for a
     * declaration mistake) must still stop it, at the latest when the JVM exits.
     */
    @Test
    void anEnvironmentStartedForADiscoveryThatIsNeverExecutedIsStoppedWhenTheJvmExits(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("stopped");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + RecordingEnvironmentProvider.STOPPED_MARKER + "=" + marker, DiscoverOnly.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(jvm.exitValue()).as(output).isZero();
        assertThat(marker).as("the started environment was stopped; the JVM said: %s", output).exists();
    }

    @Test
    void aCheckThatOutlivesItsRunStillSeesItsOwnEnvironmentAndLoadsNoOther() throws Exception {
        OutlivesItsRunSpec.sameEnvironmentAfterTheRun = new java.util.concurrent.CompletableFuture<>();

        EngineKit.onFleet().configurationParameter("infra.environment", "started-fleet")
                .selectors(selectClass(OutlivesItsRunSpec.class)).execute()
                .testEvents().assertStatistics(stats -> stats.failed(1));

        assertThat(OutlivesItsRunSpec.sameEnvironmentAfterTheRun.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}

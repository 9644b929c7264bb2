package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.RecordingEnvironmentProvider;
import dev.infrajunit.engine.fixtures.good.CancellingSpec;
import dev.infrajunit.engine.fixtures.good.SharedResourceSpec;
import org.junit.jupiter.api.Test;

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
}

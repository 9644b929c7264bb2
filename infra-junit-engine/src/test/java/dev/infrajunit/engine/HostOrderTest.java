package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.hostile.HostOrderSpec;
import org.junit.jupiter.api.Test;

/**
 * A spec lists its checks method by method; a run works through them host by host, so each host's
 * checks finish together and its connection can close while the other hosts are still to come.
 */
class HostOrderTest {

    @Test
    void theChecksOfOneHostRunTogetherBeforeTheNextHostsChecks() {
        HostOrderSpec.RAN.clear();

        EngineKit.onFleet().configurationParameter("infra.parallelism", "1").selectors(selectClass(HostOrderSpec.class))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(9));

        assertThat(HostOrderSpec.RAN).map(entry -> entry.split(" ")[1])
                .containsExactly("db-1", "db-1", "db-1", "db-2", "db-2", "db-2", "db-3", "db-3", "db-3");
    }
}

package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.good.BackupSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class ShardingTest {

    @Test
    void shardsSplitTheHostsAndShardZeroRunsTheChecksWithoutHost() {
        Set<String> unsharded = new HashSet<>(tests(EngineKit.onFleet().selectors(selectClass(BackupSpec.class)).execute()));
        List<String> all = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            List<String> shard = tests(EngineKit.onFleet().selectors(selectClass(BackupSpec.class))
                    .configurationParameter("infra.shard", index + "/3").execute());
            assertThat(shard.contains("[method:db3AnswersCommands()]")).as("shard " + index).isEqualTo(index == 0);
            all.addAll(shard);
        }
        assertThat(all).hasSameSizeAs(unsharded).containsExactlyInAnyOrderElementsOf(unsharded);
        assertThat(unsharded).contains("[host:db-1]", "[host:db-2]", "[host:db-3]", "[host:web-1]", "[method:db3AnswersCommands()]");
    }

    @Test
    void aShardThatDoesNotExistIsADiscoveryError() {
        EngineDiscoveryResults results = EngineTestKit.engine(InfraTestEngine.ENGINE_ID)
                .configurationParameter("infra.environment", "fleet")
                .configurationParameter("infra.shard", "3/3")
                .selectors(selectClass(BackupSpec.class)).discover();
        assertThat(results.getDiscoveryIssues()).extracting(DiscoveryIssue::message)
                .contains("infra.shard=3/3: shard 3/3 does not exist: K/N needs N >= 1 and 0 <= K < N, e.g. 0/4 to 3/4");
    }

    private static List<String> tests(EngineExecutionResults results) {
        return results.testEvents().started().list().stream()
                .map(event -> "[" + event.getTestDescriptor().getUniqueId().getLastSegment().getType() + ":"
                        + event.getTestDescriptor().getUniqueId().getLastSegment().getValue() + "]")
                .toList();
    }
}

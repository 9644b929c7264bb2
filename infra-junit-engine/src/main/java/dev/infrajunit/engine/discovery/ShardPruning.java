package dev.infrajunit.engine.discovery;

import dev.infrajunit.engine.config.Shard;
import dev.infrajunit.engine.descriptor.CheckMethodDescriptor;
import dev.infrajunit.engine.descriptor.HostCheckDescriptor;
import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Keeps only this shard's part of the plan ({@code infra.shard}): the hosts it owns and, in shard 0,
 * the checks without a host. Pruned after discovery, so that a selector matching hosts only in
 * other shards is no mistake, and unique ids stay the same in every shard.
 */
final class ShardPruning {

    private ShardPruning() {
    }

    static void apply(InfraEngineDescriptor engine, DiscoveryIssueReporter issues) {
        Optional<Shard> shard;
        try {
            shard = engine.configuration().shard();
        } catch (IllegalArgumentException e) {
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, e.getMessage()));
            return;
        }
        if (shard.isEmpty() || shard.get().count() == 1) {
            return;
        }
        for (TestDescriptor spec : new ArrayList<>(engine.getChildren())) {
            for (TestDescriptor node : new ArrayList<>(spec.getChildren())) {
                if (node instanceof CheckMethodDescriptor check) {
                    prune(check, shard.get());
                }
            }
            if (spec.getChildren().isEmpty()) {
                spec.removeFromHierarchy();
            }
        }
    }

    private static void prune(CheckMethodDescriptor check, Shard shard) {
        if (check.hostSelector().isEmpty()) {
            if (!shard.runsChecksWithoutHost()) {
                check.removeFromHierarchy();
            }
            return;
        }
        List<TestDescriptor> hosts = new ArrayList<>(check.getChildren());
        for (TestDescriptor host : hosts) {
            if (host instanceof HostCheckDescriptor hostCheck && !shard.owns(hostCheck.hostName())) {
                hostCheck.removeFromHierarchy();
            }
        }
        if (check.getChildren().isEmpty()) {
            check.removeFromHierarchy();
        }
    }

}

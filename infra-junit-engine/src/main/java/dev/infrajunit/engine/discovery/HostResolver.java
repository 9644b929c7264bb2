package dev.infrajunit.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.infrajunit.engine.descriptor.CheckMethodDescriptor;
import dev.infrajunit.engine.descriptor.HostCheckDescriptor;
import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import dev.infrajunit.environment.HostSelector;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Resolves one host of a {@code @ForEachHost} check by its unique id. */
final class HostResolver implements SelectorResolver {

    private final DiscoveryIssueReporter issues;
    private final InfraEngineDescriptor engine;

    HostResolver(DiscoveryIssueReporter issues, InfraEngineDescriptor engine) {
        this.issues = issues;
        this.engine = engine;
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId uniqueId = selector.getUniqueId();
        UniqueId.Segment last = uniqueId.getLastSegment();
        if (!HostCheckDescriptor.SEGMENT_TYPE.equals(last.getType())) {
            return Resolution.unresolved();
        }
        String hostName = last.getValue();
        Optional<HostCheckDescriptor> host = context.addToParent(() -> selectUniqueId(uniqueId.removeLastSegment()), parent -> {
            if (!(parent instanceof CheckMethodDescriptor check) || check.hostSelector().isEmpty()) {
                return Optional.empty();
            }
            if (!selects(check, hostName)) {
                issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "Unique id " + uniqueId + " names host '"
                        + hostName + "', which @ForEachHost(\"" + check.hostSelector().get() + "\") does not select in environment '"
                        + engine.environment().name() + "'"));
                return Optional.empty();
            }
            return Optional.of(new HostCheckDescriptor(check, hostName));
        });
        return host.map(descriptor -> Resolution.match(Match.exact(descriptor))).orElse(Resolution.unresolved());
    }

    private boolean selects(CheckMethodDescriptor check, String hostName) {
        try {
            HostSelector selector = HostSelector.parse(check.hostSelector().get());
            return engine.environment().hosts().stream()
                    .anyMatch(host -> host.name().equals(hostName) && selector.matches(host));
        } catch (RuntimeException e) {
            return false; // reported where the check itself is resolved
        }
    }
}

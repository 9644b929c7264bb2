package dev.infrajunit.engine.report;

import dev.infrajunit.engine.InfraTestEngine;
import dev.infrajunit.engine.config.InfraConfiguration;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** What the listeners need to know of a node of the test plan: whether it is an infra-junit check, and of which host. */
final class InfraTestIdentifiers {

    private InfraTestIdentifiers() {
    }

    static boolean isCheck(TestIdentifier identifier) {
        return identifier.isTest() && isInfra(identifier);
    }

    static boolean isInfra(TestIdentifier identifier) {
        return identifier.getUniqueIdObject().getEngineId().filter(InfraTestEngine.ENGINE_ID::equals).isPresent();
    }

    static boolean hasChecks(TestPlan plan) {
        return plan.countTestIdentifiers(InfraTestIdentifiers::isCheck) > 0;
    }

    static InfraConfiguration configuration(TestPlan plan) {
        return new InfraConfiguration(plan.getConfigurationParameters()::get);
    }

    /** The host segment of a per-host check's node. */
    static Optional<String> host(TestIdentifier identifier) {
        return segment(identifier.getUniqueIdObject(), "host");
    }

    /** The spec class's simple name. */
    static String spec(TestIdentifier identifier) {
        String className = segment(identifier.getUniqueIdObject(), "class").orElse("");
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static Optional<String> segment(UniqueId id, String type) {
        return id.getSegments().stream().filter(segment -> segment.getType().equals(type)).map(UniqueId.Segment::getValue)
                .reduce((first, second) -> second);
    }
}

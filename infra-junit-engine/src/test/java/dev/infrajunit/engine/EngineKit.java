package dev.infrajunit.engine;

import org.junit.platform.testkit.engine.EngineTestKit;

/** The engine under test, pointed at the all-local test fleet. */
final class EngineKit {

    private EngineKit() {
    }

    static EngineTestKit.Builder onFleet() {
        return EngineTestKit.engine(InfraTestEngine.ENGINE_ID)
                .configurationParameter("infra.environment", "fleet")
                .configurationParameter("junit.platform.discovery.issue.severity.critical", "error");
    }
}

package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.engine.fixtures.good.BackupSpec;
import dev.infrajunit.engine.fixtures.good.PlainAssertionSpec;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ExecutionTest {

    @Test
    void eachHostPassesOrFailsOnItsOwn() {
        EngineExecutionResults results = EngineKit.onFleet().selectors(selectClass(BackupSpec.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(4).failed(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("db-1"), finishedSuccessfully()))
                .haveExactly(1, event(test("db-2"), finishedWithFailure(instanceOf(AssertionError.class),
                        message("db-2: expected a backup younger than 24h, but the newest is 51h old"))))
                .haveExactly(1, event(displayName("db-3 answers commands"), finishedSuccessfully()));
    }

    @Test
    void aPlainAssertionInAHostCheckIsNamedAfterTheHost() {
        EngineExecutionResults results = EngineKit.onFleet().selectors(selectClass(PlainAssertionSpec.class)).execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("nameIsShort"), displayName("db-1"), finishedSuccessfully()))
                .haveExactly(1, event(test("breaksWithABug"), displayName("db-2"), finishedWithFailure(
                        instanceOf(CouldNotCheckException.class), message("db-2: no such column 'age'"))))
                .haveExactly(1, event(test("nameIsShort"), displayName("db-2"), finishedWithFailure(
                        instanceOf(AssertionError.class), message(text -> text.startsWith("db-2: expected: \"db-1\"")))));
    }

    /** IDEs offer a diff for a failure that carries expected and actual values; naming the host must keep them. */
    @Test
    void aPlainAssertionNamedAfterItsHostKeepsItsExpectedAndActualValues() {
        EngineExecutionResults results = EngineKit.onFleet().selectors(selectClass(PlainAssertionSpec.class)).execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("nameIsShort"), displayName("db-2"), finishedWithFailure(
                        instanceOf(org.opentest4j.AssertionFailedError.class),
                        new org.assertj.core.api.Condition<>(thrown -> {
                            var failure = (org.opentest4j.AssertionFailedError) thrown;
                            return failure.getMessage().startsWith("db-2: ")
                                    // AssertJ hands over the values as it shows them, quoted
                                    && "\"db-1\"".equals(failure.getExpected().getValue())
                                    && "\"db-2\"".equals(failure.getActual().getValue());
                        }, "expected db-1 and actual db-2"))));
    }

    @Test
    void disabledChecksAreSkippedWithTheirReason() {
        EngineKit.onFleet().selectors(selectClass(PlainAssertionSpec.class)).execute().testEvents().assertThatEvents()
                .haveExactly(1, event(test("disabledCheck"), skippedWithReason("waiting for the new backup agent")));
    }
}

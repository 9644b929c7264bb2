package dev.infrajunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.engine.fixtures.good.TimingSpec;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void aCheckThatRunsTooLongTimesOutForItsHostWhileTheOthersPass() {
        EngineKit.onFleet().selectors(selectMethod(TimingSpec.class, "answersQuickly", "dev.infrajunit.Host")).execute()
                .testEvents().assertThatEvents()
                .haveExactly(1, event(displayName("db-1"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("db-3"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("db-2"), finishedWithFailure(instanceOf(CouldNotCheckException.class),
                        message("db-2: check answersQuickly timed out after 300ms (@Check(timeout));"
                                + " raise it if the check is expected to take longer"))));
    }

    @Test
    void theConfiguredCheckTimeoutAppliesWhereACheckSetsNone() {
        EngineKit.onFleet().configurationParameter("infra.check.timeout", "250ms")
                .selectors(selectClass(dev.infrajunit.engine.fixtures.good.SlowSpec.class)).execute()
                .testEvents().assertThatEvents()
                .haveExactly(1, event(test("sleepsOnWeb1"), finishedWithFailure(instanceOf(CouldNotCheckException.class),
                        message("web-1: check sleepsOnWeb1 timed out after 250ms (infra.check.timeout);"
                                + " raise it if the check is expected to take longer"))));
    }

    @Test
    void eventuallyRetriesUntilTheCheckPasses() {
        TimingSpec.CONVERGING_ATTEMPTS.set(0);
        EngineKit.onFleet().selectors(selectMethod(TimingSpec.class, "convergesOnTheThirdAttempt")).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        org.assertj.core.api.Assertions.assertThat(TimingSpec.CONVERGING_ATTEMPTS).hasValue(3);
    }

    @Test
    void eventuallyReportsTheLastFailureWithHowLongItWaitedAndHowOften() {
        EngineKit.onFleet().selectors(selectMethod(TimingSpec.class, "neverConverges", "dev.infrajunit.Host")).execute()
                .testEvents().assertThatEvents()
                .haveExactly(1, event(displayName("db-1"), finishedWithFailure(instanceOf(AssertionError.class),
                        message(text -> text.matches("(?s)db-1: expected replication lag below 5s, but it is 42s\n"
                                + "still failing after [0-9.]+m?s and [0-9]+ attempts \\(@Eventually timeout 300ms, poll interval 50ms\\)")))));
    }

    @Test
    void eventuallyDoesNotRetryAHostThatCannotBeChecked() {
        TimingSpec.UNREACHABLE_ATTEMPTS.set(0);
        EngineKit.onFleet().selectors(selectMethod(TimingSpec.class, "cannotReachTheHost", "dev.infrajunit.Host")).execute()
                .testEvents().assertThatEvents()
                .haveExactly(1, event(displayName("db-3"), finishedWithFailure(instanceOf(CouldNotCheckException.class),
                        message("db-3: connection refused by 127.0.0.1:2222"))));
        org.assertj.core.api.Assertions.assertThat(TimingSpec.UNREACHABLE_ATTEMPTS).hasValue(1);
    }
}

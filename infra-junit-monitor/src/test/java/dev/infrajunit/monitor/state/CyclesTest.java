package dev.infrajunit.monitor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.CheckResult;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CyclesTest {

    private static final String SPEC = "com.acme.BackupSpec";
    private static final CheckKey BACKUP_DB1 = new CheckKey(SPEC, "backup", "db-1");
    private static final CheckKey DISK_DB1 = new CheckKey(SPEC, "disk", "db-1");
    private static final CheckKey BACKUP_DB2 = new CheckKey(SPEC, "backup", "db-2");
    private static final String REFUSED = "db-1: connection refused by 10.0.1.11:22";

    private final Cycles cycles = new Cycles(new StateMachine(Thresholds.DEFAULTS));
    private Instant clock = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aHostWhoseEveryCheckCannotReachItIsOneConditionThatHoldsItsChecksBack() {
        MonitorState state = MonitorState.empty();
        for (int i = 0; i < 3; i++) {
            state = cycles.apply(state, cycle(true,
                    unreachable(BACKUP_DB1), unreachable(DISK_DB1), CheckResult.of(BACKUP_DB2, Result.PASS, "")));
        }
        assertThat(state.hosts().get("db-1").state()).isEqualTo(State.FAILING);
        assertThat(state.hosts().get("db-1").message()).isEqualTo(REFUSED);
        assertThat(state.reachable("db-1")).isFalse();
        assertThat(state.checks().get(BACKUP_DB1).state().state()).isEqualTo(State.FAILING);
        assertThat(state.heldByHost(BACKUP_DB1)).isTrue();
        assertThat(state.heldByHost(BACKUP_DB2)).isFalse();
        assertThat(state.reachable("db-2")).isTrue();
        assertThat(state.cycle()).isEqualTo(3);
    }

    @Test
    void differentErrorsOrAFailureAmongThemAreNotAnUnreachableHost() {
        MonitorState twoReasons = cycles.apply(MonitorState.empty(), cycle(true, unreachable(BACKUP_DB1),
                new CheckResult(DISK_DB1, Result.ERROR, "db-1: command timed out after 30s", true, Duration.ZERO, java.util.Set.of(), List.of())));
        assertThat(twoReasons.reachable("db-1")).isTrue();
        MonitorState oneFailure = cycles.apply(MonitorState.empty(), cycle(true, unreachable(BACKUP_DB1),
                CheckResult.of(DISK_DB1, Result.FAIL, "db-1: expected less than 85% used")));
        assertThat(oneFailure.reachable("db-1")).isTrue();
    }

    @Test
    void checksThatAreGoneAreDroppedUnlessTheCycleCouldNotSeeThem() {
        MonitorState both = cycles.apply(MonitorState.empty(), cycle(true,
                CheckResult.of(BACKUP_DB1, Result.PASS, ""), CheckResult.of(BACKUP_DB2, Result.FAIL, "old")));
        MonitorState incomplete = cycles.apply(both, new CycleResults(clock, clock, List.of(CheckResult.of(BACKUP_DB1, Result.PASS, "")),
                List.of("@ForEachHost(\"db-*\") matches no host"), false));
        assertThat(incomplete.checks()).containsOnlyKeys(BACKUP_DB1, BACKUP_DB2);
        assertThat(incomplete.discoveryErrors()).containsExactly("@ForEachHost(\"db-*\") matches no host");
        MonitorState complete = cycles.apply(incomplete, cycle(true, CheckResult.of(BACKUP_DB1, Result.PASS, "")));
        assertThat(complete.checks()).containsOnlyKeys(BACKUP_DB1);
        assertThat(complete.hosts()).containsOnlyKeys("db-1");
    }

    private static CheckResult unreachable(CheckKey key) {
        return CheckResult.of(key, Result.ERROR, REFUSED).asCouldNotCheck();
    }

    private CycleResults cycle(boolean complete, CheckResult... results) {
        Instant started = clock;
        clock = clock.plus(Duration.ofMinutes(5));
        return new CycleResults(started, started.plusSeconds(2), List.of(results), List.of(), complete);
    }
}

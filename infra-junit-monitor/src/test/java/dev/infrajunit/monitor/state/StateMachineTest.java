package dev.infrajunit.monitor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.monitor.run.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateMachineTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    /**
     * Results (p pass, f fail, e error, s skipped, w waived), one per cycle, and the state after each, with the
     * defaults: failing after 3 non-passes, ok after 2 passes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            all passes stay ok                     | p p p                 | ok ok ok
            one failure is only pending            | p f p                 | ok pending ok
            two failures are still pending         | f f p                 | pending pending ok
            three non-passes in a row fail         | f f f                 | pending pending failing
            errors count like failures             | e f e                 | pending pending failing
            skips change nothing                   | f s f s f             | pending pending pending pending failing
            a skip does not interrupt a recovery   | f f f p s p           | pending pending failing recovering recovering ok
            one pass starts recovering             | f f f p               | pending pending failing recovering
            two passes recover                     | f f f p p             | pending pending failing recovering ok
            a failure while recovering fails again | f f f p f p p         | pending pending failing recovering failing recovering ok
            a pass while pending starts over       | f f p f f f           | pending pending ok pending pending failing
            a waived failure is waived             | p w w                 | ok waived waived
            a waiver ends a failing run            | f f f w               | pending pending failing waived
            after a waiver a pass is ok            | f f f w p             | pending pending failing waived ok
            an expired waiver starts trouble anew  | f f w f f f           | pending pending waived pending pending failing
            """)
    void statesFollowResults(String name, String results, String states) {
        assertThat(run(Thresholds.DEFAULTS, results, false)).isEqualTo(words(states));
        // a monitor restarted between every two cycles ends the same way
        assertThat(run(Thresholds.DEFAULTS, results, true)).isEqualTo(words(states));
    }

    @ParameterizedTest(name = "fail after {0}, recover after {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 1 | p f p f     | ok failing ok failing
            2 | 3 | f f p p p   | pending failing recovering recovering ok
            5 | 1 | f f f f f p | pending pending pending pending failing ok
            """)
    void thresholdsAreHonoured(int failAfter, int recoverAfter, String results, String states) {
        assertThat(run(new Thresholds(failAfter, recoverAfter, 50, 25), results, false)).isEqualTo(words(states));
    }

    @Test
    void failingSinceIsTheFirstBadResultAndSurvivesARelapseAndRestarts() {
        StateMachine machine = new StateMachine(Thresholds.DEFAULTS);
        CheckState state = null;
        List<Instant> times = new ArrayList<>();
        String[] results = {"p", "f", "f", "f", "p", "f"};
        for (int i = 0; i < results.length; i++) {
            Instant at = START.plus(INTERVAL.multipliedBy(i));
            times.add(at);
            state = machine.next(state, result(results[i]), "db-2: expected a backup", Duration.ofMillis(20), at);
            state = restarted(state);
            if (i == 2) {
                assertThat(state.failingSince()).as("pending is not failing yet").isEmpty();
            }
        }
        assertThat(state.state()).isEqualTo(State.FAILING);
        assertThat(state.failingSince()).contains(times.get(1));
        assertThat(state.consecutiveFailures()).isEqualTo(1);
        assertThat(state.lastStateChange()).isEqualTo(times.get(5));
    }

    @Test
    void aCheckThatKeepsChangingFlapsAndStopsFlappingOnceItSettles() {
        StateMachine machine = new StateMachine(Thresholds.DEFAULTS);
        CheckState state = null;
        List<State> states = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            state = machine.next(state, i % 2 == 0 ? Result.PASS : Result.FAIL, "", Duration.ZERO, START.plus(INTERVAL.multipliedBy(i)));
            states.add(state.state());
        }
        // 9 changes weigh 51.5% (the 10th result), 8 only 46.3%
        assertThat(states.subList(0, 9)).doesNotContain(State.FLAPPING);
        assertThat(states.subList(9, 21)).containsOnly(State.FLAPPING);
        assertThat(FlapDetection.percentChange(state.history())).isEqualTo(100.0);

        List<State> settling = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            state = machine.next(state, Result.PASS, "", Duration.ZERO, START.plus(INTERVAL.multipliedBy(21 + i)));
            settling.add(state.state());
        }
        assertThat(settling.get(0)).as("one pass does not end flapping").isEqualTo(State.FLAPPING);
        assertThat(settling.get(20)).isEqualTo(State.OK);
        // it stays flapping until the weighted change falls below the low mark, not the high one
        int firstOk = settling.indexOf(State.OK);
        assertThat(settling.subList(firstOk, 21)).containsOnly(State.OK);
        List<Result> atFirstOk = new ArrayList<>(Histories.alternatingThenPasses(firstOk + 1));
        assertThat(FlapDetection.percentChange(atFirstOk)).isLessThan(25);
        assertThat(FlapDetection.percentChange(Histories.alternatingThenPasses(firstOk))).isGreaterThanOrEqualTo(25);
    }

    @Test
    void aFlappingFailureStillTracksItsConditionUnderneath() {
        StateMachine machine = new StateMachine(new Thresholds(1, 1, 50, 25));
        CheckState state = null;
        for (int i = 0; i < 12; i++) {
            state = machine.next(state, i % 2 == 0 ? Result.FAIL : Result.PASS, "", Duration.ZERO, START.plus(INTERVAL.multipliedBy(i)));
        }
        assertThat(state.state()).isEqualTo(State.FLAPPING);
        assertThat(state.condition()).isEqualTo(State.OK);
        state = machine.next(state, Result.FAIL, "", Duration.ZERO, START.plus(INTERVAL.multipliedBy(12)));
        assertThat(state.state()).isEqualTo(State.FLAPPING);
        assertThat(state.condition()).isEqualTo(State.FAILING);
    }

    @Test
    void aWaivedCheckIsNotFailingAndEndsFlapping() {
        StateMachine machine = new StateMachine(new Thresholds(1, 1, 50, 25));
        CheckState state = null;
        for (int i = 0; i < 12; i++) {
            state = machine.next(state, i % 2 == 0 ? Result.FAIL : Result.PASS, "", Duration.ZERO, START.plus(INTERVAL.multipliedBy(i)));
        }
        assertThat(state.state()).isEqualTo(State.FLAPPING);
        state = machine.next(state, Result.WAIVED, "db-2: waived until 2099-12-31", Duration.ZERO, START.plus(INTERVAL.multipliedBy(12)));
        assertThat(state.state()).isEqualTo(State.WAIVED);
        assertThat(state.failingSince()).isEmpty();
        assertThat(state.consecutiveFailures()).isZero();
        assertThat(restarted(state)).isEqualTo(state);
    }

    @Test
    void nagiosWeightsRiseFromOldestToNewest() {
        List<Result> newestChanged = new ArrayList<>(Collections.nCopies(20, Result.PASS));
        newestChanged.add(Result.FAIL);
        assertThat(FlapDetection.percentChange(newestChanged)).isCloseTo(6.25, Offset.offset(1e-9));
        List<Result> oldestChanged = new ArrayList<>(List.of(Result.FAIL));
        oldestChanged.addAll(Collections.nCopies(20, Result.PASS));
        assertThat(FlapDetection.percentChange(oldestChanged)).isCloseTo(3.75, Offset.offset(1e-9));
        // fail to error is a change too, as Nagios' warning to critical is
        assertThat(FlapDetection.percentChange(List.of(Result.FAIL, Result.ERROR))).isEqualTo(6.25);
    }

    private static List<String> run(Thresholds thresholds, String results, boolean restartEachCycle) {
        StateMachine machine = new StateMachine(thresholds);
        CheckState state = null;
        List<String> states = new ArrayList<>();
        String[] each = results.trim().split("\\s+");
        for (int i = 0; i < each.length; i++) {
            state = machine.next(state, result(each[i]), "message " + i, Duration.ofMillis(i), START.plus(INTERVAL.multipliedBy(i)));
            if (restartEachCycle) {
                state = restarted(state);
            }
            states.add(state.state().label());
        }
        return states;
    }

    /** The state as a monitor restarted from its state file sees it. */
    static CheckState restarted(CheckState state) {
        TreeMap<String, CheckState> hosts = new TreeMap<>();
        hosts.put("db-2", state);
        MonitorState saved = new MonitorState(1, Optional.of(START), Optional.of(START), List.of(), new TreeMap<>(), hosts);
        return StateFile.read(StateFile.write(saved)).hosts().get("db-2");
    }

    private static Result result(String letter) {
        return switch (letter) {
            case "p" -> Result.PASS;
            case "f" -> Result.FAIL;
            case "e" -> Result.ERROR;
            case "s" -> Result.SKIPPED;
            case "w" -> Result.WAIVED;
            default -> throw new IllegalArgumentException(letter);
        };
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.trim().split("\\s+"));
    }

    /** Histories of 21 alternating results followed by passes, as the window sees them. */
    private static final class Histories {
        static List<Result> alternatingThenPasses(int passes) {
            List<Result> all = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                all.add(i % 2 == 0 ? Result.PASS : Result.FAIL);
            }
            all.addAll(Collections.nCopies(passes, Result.PASS));
            return all.subList(all.size() - 21, all.size());
        }
    }
}

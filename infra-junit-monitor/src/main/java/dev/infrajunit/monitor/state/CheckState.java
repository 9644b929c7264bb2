package dev.infrajunit.monitor.state;

import dev.infrajunit.monitor.run.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where one check on one host stands after a cycle.
 *
 * @param condition           ok, pending, failing, recovering or waived: the state without flap detection
 * @param flapping            whether flap detection holds the check as flapping (it then shows and alerts as flapping)
 * @param consecutiveFailures non-pass results in a row up to now
 * @param consecutivePasses   passes in a row up to now
 * @param troubleSince        when the current run of trouble began: the first non-pass result after ok
 * @param lastStateChange     when {@link #state()} last changed
 * @param history             the last results that counted, oldest first, at most {@link FlapDetection#WINDOW}
 * @param lastResult          the last result, skipped included
 * @param message             the last result's message
 * @param duration            how long the check last ran
 * @param lastRun             when the check last ran
 */
public record CheckState(State condition, boolean flapping, int consecutiveFailures, int consecutivePasses,
                         Optional<Instant> troubleSince, Instant lastStateChange, List<Result> history,
                         Result lastResult, String message, Duration duration, Instant lastRun) {

    public CheckState {
        if (condition == State.FLAPPING) {
            throw new IllegalArgumentException("flapping is a flag over a condition, not a condition");
        }
        history = List.copyOf(history);
    }

    /** A check seen for the first time: ok, with no history. */
    public static CheckState fresh(Instant now) {
        return new CheckState(State.OK, false, 0, 0, Optional.empty(), now, List.of(), Result.PASS, "", Duration.ZERO, now);
    }

    /** What the page shows and alerts are made from. */
    public State state() {
        return flapping ? State.FLAPPING : condition;
    }

    /** Since when the check is failing: only while failing or recovering. */
    public Optional<Instant> failingSince() {
        return condition == State.FAILING || condition == State.RECOVERING ? troubleSince : Optional.empty();
    }

    public CheckState withLastRun(Result result, String message, Duration duration, Instant at) {
        return new CheckState(condition, flapping, consecutiveFailures, consecutivePasses, troubleSince, lastStateChange,
                history, result, message, duration, at);
    }
}

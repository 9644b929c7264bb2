package dev.infrajunit.monitor.state;

import dev.infrajunit.monitor.run.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one check's results into its state, the way Nagios' soft and hard states and Prometheus'
 * {@code for:} do: a single bad result makes a check pending, only {@code failAfter} in a row make it
 * failing; a failing check recovers after {@code recoverAfter} passes in a row. A check whose results
 * keep changing is flapping and sends no alerts. Pure: no clock, no I/O.
 */
public final class StateMachine {

    private final Thresholds thresholds;

    public StateMachine(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The state after one more result.
     *
     * @param previous the state so far, {@code null} for a check never seen
     * @param result   what this cycle found
     * @param message  its message
     * @param duration how long the check ran
     * @param at       when it ran
     */
    public CheckState next(CheckState previous, Result result, String message, Duration duration, Instant at) {
        CheckState before = previous == null ? CheckState.fresh(at) : previous;
        if (!result.counts()) {
            return before.withLastRun(result, message, duration, at);
        }
        if (result == Result.WAIVED) {
            return waived(previous, before, message, duration, at);
        }
        State condition = before.condition();
        int failures = result.passed() ? 0 : before.consecutiveFailures() + 1;
        int passes = result.passed() ? before.consecutivePasses() + 1 : 0;
        Optional<Instant> troubleSince = before.troubleSince();
        switch (condition) {
            case OK, WAIVED -> {
                if (result.passed()) {
                    condition = State.OK;
                } else {
                    troubleSince = Optional.of(at);
                    condition = failures >= thresholds.failAfter() ? State.FAILING : State.PENDING;
                }
            }
            case PENDING -> {
                if (result.passed()) {
                    condition = State.OK;
                    troubleSince = Optional.empty();
                } else if (failures >= thresholds.failAfter()) {
                    condition = State.FAILING;
                }
            }
            case FAILING -> {
                if (result.passed()) {
                    condition = passes >= thresholds.recoverAfter() ? State.OK : State.RECOVERING;
                }
            }
            case RECOVERING -> {
                if (!result.passed()) {
                    condition = State.FAILING; // keeps troubleSince: still the same outage
                } else if (passes >= thresholds.recoverAfter()) {
                    condition = State.OK;
                }
            }
            default -> throw new IllegalStateException("not a condition: " + condition);
        }
        if (condition == State.OK) {
            troubleSince = Optional.empty();
        }
        List<Result> history = new ArrayList<>(before.history());
        history.add(result);
        if (history.size() > FlapDetection.WINDOW) {
            history = history.subList(history.size() - FlapDetection.WINDOW, history.size());
        }
        double percent = FlapDetection.percentChange(history);
        boolean flapping = before.flapping() ? percent >= thresholds.flapLow() : percent >= thresholds.flapHigh();
        CheckState after = new CheckState(condition, flapping, failures, passes, troubleSince, before.lastStateChange(),
                history, result, message, duration, at);
        Instant changed = after.state() != before.state() || previous == null ? at : before.lastStateChange();
        return new CheckState(condition, flapping, failures, passes, troubleSince, changed, history, result, message,
                duration, at);
    }

    /**
     * An accepted failure ends any run of trouble and any flapping: nothing about the check alerts
     * while the waiver holds. It stays out of the flap history, so a waiver that expires does not
     * count as a change; the next result that is not waived starts from ok.
     */
    private static CheckState waived(CheckState previous, CheckState before, String message, Duration duration, Instant at) {
        Instant changed = before.state() != State.WAIVED || previous == null ? at : before.lastStateChange();
        return new CheckState(State.WAIVED, false, 0, 0, Optional.empty(), changed, before.history(), Result.WAIVED, message,
                duration, at);
    }
}

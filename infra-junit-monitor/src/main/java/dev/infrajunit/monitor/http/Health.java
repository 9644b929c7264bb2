package dev.infrajunit.monitor.http;

import dev.infrajunit.monitor.state.MonitorState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the monitor is alive: its last cycle ended within two intervals plus the check timeout
 * (a cycle may take that long), counted from the start before the first cycle has ended.
 */
public record Health(Duration interval, Duration checkTimeout, Instant startedAt, Clock clock) {

    public Duration limit() {
        return interval.multipliedBy(2).plus(checkTimeout);
    }

    public boolean healthy(MonitorState state) {
        Instant reference = state.lastCycleEnd().filter(end -> end.isAfter(startedAt)).orElse(startedAt);
        return Duration.between(reference, clock.instant()).compareTo(limit()) <= 0;
    }
}

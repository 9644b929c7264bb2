package dev.infrajunit.monitor.state;

import dev.infrajunit.monitor.run.CheckKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the monitor knows after a cycle: what the exporters read and what the state file keeps.
 *
 * @param cycle           how many cycles have completed, over restarts
 * @param lastCycleStart  when the last completed cycle started
 * @param lastCycleEnd    when it ended
 * @param discoveryErrors what kept specs or checks from being found in the last cycle
 * @param checks          per check and host
 * @param hosts           per host, whether it could be reached: a pass when it could, an error when every
 *                        check of the host failed to reach or log into it
 */
public record MonitorState(long cycle, Optional<Instant> lastCycleStart, Optional<Instant> lastCycleEnd,
                           List<String> discoveryErrors, SortedMap<CheckKey, TrackedCheck> checks,
                           SortedMap<String, CheckState> hosts) {

    public MonitorState {
        discoveryErrors = List.copyOf(discoveryErrors);
        checks = Collections.unmodifiableSortedMap(new TreeMap<>(checks));
        hosts = Collections.unmodifiableSortedMap(new TreeMap<>(hosts));
    }

    public static MonitorState empty() {
        return new MonitorState(0, Optional.empty(), Optional.empty(), List.of(), new TreeMap<>(), new TreeMap<>());
    }

    public Duration lastCycleDuration() {
        return lastCycleStart.isPresent() && lastCycleEnd.isPresent()
                ? Duration.between(lastCycleStart.get(), lastCycleEnd.get()) : Duration.ZERO;
    }

    /** Whether the host could be reached in the last cycle (a host without checks counts as reachable). */
    public boolean reachable(String host) {
        CheckState state = hosts.get(host);
        return state == null || state.lastResult().passed();
    }

    /**
     * Whether the host's own condition stands for its checks: while it is being or has been found
     * unreachable, the trouble of its checks is that one cause and alerts only as that.
     */
    public boolean heldByHost(CheckKey key) {
        CheckState host = hosts.get(key.host());
        return host != null && host.state() != State.OK;
    }

    public Map<CheckKey, TrackedCheck> checksOf(String host) {
        TreeMap<CheckKey, TrackedCheck> of = new TreeMap<>();
        checks.forEach((key, check) -> {
            if (key.host().equals(host)) {
                of.put(key, check);
            }
        });
        return of;
    }
}

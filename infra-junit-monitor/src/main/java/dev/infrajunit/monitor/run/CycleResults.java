package dev.infrajunit.monitor.run;

import java.time.Instant;
import java.util.List;

/**
 * Everything one cycle found.
 *
 * @param started         when discovery began
 * @param ended           when execution ended
 * @param results         one per check and host that was discovered
 * @param discoveryErrors what kept specs or checks from being found, one sentence each
 * @param complete        whether every engine ran: when one could not (a discovery mistake stops
 *                        its whole engine), checks missing from {@code results} are not gone, only unseen
 */
public record CycleResults(Instant started, Instant ended, List<CheckResult> results, List<String> discoveryErrors,
                           boolean complete) {

    public CycleResults {
        results = List.copyOf(results);
        discoveryErrors = List.copyOf(discoveryErrors);
    }
}

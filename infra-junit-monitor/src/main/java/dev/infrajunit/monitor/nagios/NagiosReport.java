package dev.infrajunit.monitor.nagios;

import dev.infrajunit.monitor.run.CheckResult;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.Result;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One cycle as a Nagios/Icinga plugin reports it: a status line with performance data, the failing
 * checks on the lines after it, and the exit status of the plugin guidelines. Nagios keeps its own
 * soft and hard states, so the results of this one cycle are reported as they are.
 *
 * <ul>
 *   <li>0 OK: every check passed (skipped ones aside) or failed under a waiver; waived ones are listed
 *   on the lines after the status line, so an accepted failure is noted, never hidden;</li>
 *   <li>1 WARNING: nothing failed, but some specs or checks could not be found;</li>
 *   <li>2 CRITICAL: a check failed or could not check its host;</li>
 *   <li>3 UNKNOWN: no check ran at all.</li>
 * </ul>
 */
public record NagiosReport(int status, String output) {

    public static final int OK = 0;
    public static final int WARNING = 1;
    public static final int CRITICAL = 2;
    public static final int UNKNOWN = 3;

    private static final String[] NAMES = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

    public static NagiosReport of(CycleResults cycle) {
        List<CheckResult> results = cycle.results();
        long passed = count(results, Result.PASS);
        long failed = count(results, Result.FAIL);
        long errors = count(results, Result.ERROR);
        long skipped = count(results, Result.SKIPPED);
        long waived = count(results, Result.WAIVED);
        List<CheckResult> bad = results.stream().filter(result -> result.result() == Result.FAIL || result.result() == Result.ERROR)
                .sorted(Comparator.comparing(CheckResult::key)).toList();
        int status;
        String summary;
        if (!bad.isEmpty()) {
            status = CRITICAL;
            summary = bad.size() + " of " + results.size() + " checks not passing: "
                    + String.join(", ", bad.stream().map(result -> result.key().describe()).toList());
        } else if (passed + waived == 0) {
            status = UNKNOWN;
            summary = "no check ran" + (cycle.discoveryErrors().isEmpty() ? "" : ": " + cycle.discoveryErrors().get(0));
        } else if (!cycle.discoveryErrors().isEmpty()) {
            status = WARNING;
            summary = passed + " checks passed" + (waived > 0 ? ", " + waived + " waived" : "") + ", but " + cycle.discoveryErrors().size() + " could not be found: "
                    + cycle.discoveryErrors().get(0);
        } else {
            status = OK;
            summary = passed + " checks passed" + (waived > 0 ? ", " + waived + " waived" : "")
                    + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
        double seconds = Duration.between(cycle.started(), cycle.ended()).toMillis() / 1000.0;
        String perfdata = String.format(Locale.ROOT,
                "checks=%d;;;0 passed=%d;;;0 failed=%d;;;0 errors=%d;;;0 skipped=%d;;;0 waived=%d;;;0 discovery_errors=%d;;;0 duration=%.3fs;;;0",
                results.size(), passed, failed, errors, skipped, waived, cycle.discoveryErrors().size(), seconds);
        StringBuilder output = new StringBuilder("INFRA ").append(NAMES[status]).append(" - ")
                .append(oneLine(summary)).append(" | ").append(perfdata).append('\n');
        for (CheckResult result : bad) {
            output.append(result.result() == Result.FAIL ? "FAILED " : "COULD NOT CHECK ").append(result.key().describe())
                    .append(": ").append(oneLine(result.message())).append('\n');
        }
        results.stream().filter(result -> result.result() == Result.WAIVED).sorted(Comparator.comparing(CheckResult::key))
                .forEach(result -> output.append("WAIVED ").append(result.key().describe()).append(": ")
                        .append(oneLine(result.message())).append('\n'));
        return new NagiosReport(status, output.toString());
    }

    private static long count(List<CheckResult> results, Result result) {
        return results.stream().filter(each -> each.result() == result).count();
    }

    // '|' starts the performance data in Nagios' output; a message must not contain it
    private static String oneLine(String text) {
        return text.replace('|', '/').replaceAll("\\s*\\R\\s*", " / ").strip();
    }
}

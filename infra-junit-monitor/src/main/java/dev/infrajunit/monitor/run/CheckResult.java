package dev.infrajunit.monitor.run;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One check's outcome on one host in one cycle.
 *
 * @param key          which check on which host
 * @param result       pass, fail, error, skipped or waived
 * @param message      the failure's or error's message, the skip reason, or {@code ""}
 * @param couldNotCheck whether the error said the host could not be checked (unreachable, login refused, ...)
 * @param duration     how long the check ran
 * @param tags         the check's tags
 * @param backupAges   the newest backup's age per backup policy the check looked at
 */
public record CheckResult(CheckKey key, Result result, String message, boolean couldNotCheck, Duration duration,
                          Set<String> tags, List<BackupAge> backupAges) {

    public CheckResult {
        tags = Set.copyOf(tags);
        backupAges = List.copyOf(backupAges);
    }

    public static CheckResult of(CheckKey key, Result result, String message) {
        return new CheckResult(key, result, message, false, Duration.ZERO, Set.of(), List.of());
    }

    public CheckResult asCouldNotCheck() {
        return new CheckResult(key, result, message, true, duration, tags, backupAges);
    }

    public List<String> sortedTags() {
        return tags.stream().sorted().toList();
    }
}

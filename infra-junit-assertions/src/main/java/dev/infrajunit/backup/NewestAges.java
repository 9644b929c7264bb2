package dev.infrajunit.backup;

import java.time.Duration;
import java.util.Optional;

/**
 * The ages of the newest backups one policy found while it was checked; a policy over several
 * volumes or stores finds several, and the oldest of them is how far behind the policy is.
 */
final class NewestAges {

    private Duration oldest;

    synchronized void saw(Duration age) {
        if (oldest == null || age.compareTo(oldest) > 0) {
            oldest = age;
        }
    }

    synchronized Optional<Duration> oldest() {
        return Optional.ofNullable(oldest);
    }
}

package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The ages of the newest backups one policy found while it was checked; a policy over several
 * volumes or stores finds several, and the oldest of them is how far behind the policy is.
 */
@API(status = INTERNAL, consumers = "dev.infrajunit.backup")
public final class NewestAges {

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

package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.infrajunit.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * What one policy expects at the moment of the check, and the sentences that say how a backup
 * falls short. Every kind words its failures through here, so they all read alike, and every
 * newest backup found is noted here, so that its age can be published.
 *
 * @param newest the ages of the newest backups {@link #problemWith} was shown
 */
@API(status = EXPERIMENTAL)
public record BackupExpectation(Duration maxAge, OptionalLong minSize, Instant now, NewestAges newest) {

    public BackupExpectation(Duration maxAge, OptionalLong minSize, Instant now) {
        this(maxAge, minSize, now, new NewestAges());
    }

    /** The same expectation, with ages measured up to another moment. */
    public BackupExpectation at(Instant moment) {
        return new BackupExpectation(maxAge, minSize, moment, newest);
    }

    /** {@code expected a backup younger than 24h}. */
    public String expected() {
        return "expected a backup younger than " + Durations.limit(maxAge);
    }

    /** {@code expected a backup younger than 24h, but <found>}. */
    public String butFound(String found) {
        return expected() + ", but " + found;
    }

    public boolean isFresh(Instant time) {
        return age(time).compareTo(maxAge) <= 0;
    }

    public Duration age(Instant time) {
        return Duration.between(time, now);
    }

    /**
     * What is wrong with the newest backup, if anything.
     *
     * @param newestOf how the newest is introduced: {@code the newest of /var/backups/pg/*.dump}
     */
    public Optional<String> problemWith(String newestOf, FoundBackup newest) {
        this.newest.saw(age(newest.time()));
        String age = Durations.format(age(newest.time()));
        if (!isFresh(newest.time())) {
            String size = newest.size().isPresent() ? " (" + Sizes.format(newest.size().getAsLong()) + ")" : "";
            return Optional.of(butFound(newestOf + " is " + newest.name() + ", " + age + " old" + size));
        }
        if (minSize.isPresent() && newest.size().isPresent() && newest.size().getAsLong() < minSize.getAsLong()) {
            return Optional.of("expected a backup of at least " + Sizes.format(minSize.getAsLong()) + ", but " + newestOf
                    + " is " + newest.name() + ", only " + Sizes.format(newest.size().getAsLong()) + " (" + age + " old)");
        }
        return Optional.empty();
    }
}

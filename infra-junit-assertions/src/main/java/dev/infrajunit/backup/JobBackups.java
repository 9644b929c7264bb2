package dev.infrajunit.backup;

import dev.infrajunit.Durations;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.SystemdTimers;
import dev.infrajunit.assertions.facts.SystemdTimers.Timer;
import java.time.Instant;
import java.util.List;

/**
 * {@code job} policies: the job that makes the backups, a systemd timer, fired within the policy's
 * age and its last run succeeded. Ages are measured on the host's clock.
 */
final class JobBackups {

    private final Host host;

    JobBackups(Host host) {
        this.host = host;
    }

    List<String> problems(BackupPolicy policy, BackupExpectation expectation) {
        Timer timer = SystemdTimers.read(host, policy.target());
        BackupExpectation onHostClock = expectation.at(timer.hostNow());
        String expected = "expected the backup job, timer " + timer.timer() + ", to have succeeded within "
                + Durations.limit(expectation.maxAge()) + ", but ";
        String source = " (" + timer.source() + ")";
        if (!timer.loaded()) {
            return List.of(expected + "systemd has no such timer" + source);
        }
        if (timer.lastTrigger().isEmpty()) {
            return List.of(expected + "it has never run" + source);
        }
        Instant last = timer.lastTrigger().get();
        if (!onHostClock.isFresh(last)) {
            return List.of(expected + "it last ran " + Durations.format(onHostClock.age(last)) + " ago, at " + last + source);
        }
        if (!timer.lastRunSucceeded()) {
            return List.of(expected + "its last run, of " + timer.unit() + " at " + last + ", ended with "
                    + timer.lastResult() + source);
        }
        return List.of();
    }
}

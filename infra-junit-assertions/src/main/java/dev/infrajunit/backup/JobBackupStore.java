package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.Host;
import dev.infrajunit.spi.Keys;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/** {@code job} policies, built in: see {@link JobBackups}. */
@API(status = INTERNAL)
public final class JobBackupStore implements BackupStore {

    /**
     * Why a cron entry cannot stand for the job, and what to hold instead. Debian's cron logs that it
     * started a job (and, with -L, a failed exit status) only through syslog, which may not run and
     * rotates away; cronie and busybox crond log starts only. No place records a job's last success.
     */
    static final String CRON = "cron records no result of a job: at most it logs through syslog that it started one,"
            + " and mails what the job printed, so whether the backup job succeeded, and when it last did, cannot be read"
            + " from it. Hold what the job leaves behind instead: its newest dump, with files: (and verify: to test that it"
            + " restores), or a file the job touches only when it succeeds (pg-backup && touch /var/lib/pg-backup/succeeded),"
            + " with files: and maxAge; or run the job from a systemd timer and use job: " + BackupKind.JOB.example() + "."
            + " cronJob(\"pg-backup\") checks that the cron entry is scheduled";

    @Override
    public BackupKind kind() {
        return BackupKind.JOB;
    }

    @Override
    public Keys keys() {
        return Keys.of().nested("job", Keys.of().text("timer").refused("cron", CRON));
    }

    /** {@code job: { timer: pg-backup.timer }}: the only kind of job whose runs a check can read is a systemd timer. */
    @Override
    public String target(Object value) {
        Object timer = value instanceof Map<?, ?> job && job.size() == 1 ? job.get("timer") : null;
        if (timer == null || String.valueOf(timer).isBlank()) {
            throw new IllegalArgumentException("job must name the systemd timer that makes the backups, e.g. job: "
                    + BackupKind.JOB.example() + ", but is " + describe(value));
        }
        String name = String.valueOf(timer).trim();
        return name.endsWith(".timer") ? name : name + ".timer";
    }

    @Override
    public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
        return new JobBackups(host).problems(policy, expectation);
    }

    private static String describe(Object value) {
        return "the " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " '" + value + "'";
    }
}

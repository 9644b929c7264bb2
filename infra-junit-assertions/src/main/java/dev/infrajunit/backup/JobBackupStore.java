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

    @Override
    public BackupKind kind() {
        return BackupKind.JOB;
    }

    @Override
    public Keys keys() {
        return Keys.of().nested("job", Keys.of().text("timer"));
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

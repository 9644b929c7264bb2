package dev.infrajunit.assertions;

import dev.infrajunit.Host;
import org.assertj.core.api.AbstractAssert;

/** Assertions about one host. Every failure message begins with the host's name. */
public class HostAssert extends AbstractAssert<HostAssert, Host> {

    public HostAssert(Host host) {
        super(host, HostAssert.class);
    }

    // ---- backups ----
    // (names qualified here so this region merges without touching the imports above)

    /**
     * Every backup policy the host declares holds, each within its own {@code maxAge}: files on
     * the host, S3 objects, EBS snapshots, RDS backups, AWS Backup recovery points. A host without
     * a policy fails, with an example of how to declare one.
     */
    public HostAssert hasRecentBackup() {
        return backupHolds(dev.infrajunit.backup.BackupCheck.of(actual));
    }

    /** Every backup policy of the host holds, each held to this {@code maxAge} instead of its own. */
    public HostAssert hasRecentBackup(java.time.Duration maxAge) {
        return backupHolds(dev.infrajunit.backup.BackupCheck.of(actual).maxAge(maxAge));
    }

    /** The host's backup policies of one kind hold: {@code hasRecentBackup(BackupKind.S3)}. */
    public HostAssert hasRecentBackup(dev.infrajunit.backup.BackupKind kind) {
        return backupHolds(dev.infrajunit.backup.BackupCheck.of(actual).only(kind));
    }

    /** The host's backup policies of one kind hold, held to this {@code maxAge}. */
    public HostAssert hasRecentBackup(dev.infrajunit.backup.BackupKind kind, java.time.Duration maxAge) {
        return backupHolds(dev.infrajunit.backup.BackupCheck.of(actual).only(kind).maxAge(maxAge));
    }

    private HostAssert backupHolds(dev.infrajunit.backup.BackupCheck check) {
        isNotNull();
        check.failure().ifPresent(message -> failWithMessage("%s", message));
        return myself;
    }
}

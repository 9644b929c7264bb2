package dev.infrajunit.monitor.run;

import dev.infrajunit.backup.BackupCheck;
import java.util.Optional;

/**
 * The newest backup's age under one backup policy of a host, as {@code hasRecentBackup} published
 * it on its check's test node.
 *
 * @param host          the host whose backups these are
 * @param policy        the policy as messages name it: {@code files /var/backups/pg/*.dump}
 * @param seconds       how old the newest backup was
 * @param maxAgeSeconds how old the policy lets it be
 */
public record BackupAge(String host, String policy, double seconds, double maxAgeSeconds) {

    /** The report entry key; its value is {@code <age> <maxAge> <host> <policy>}. */
    public static final String REPORT_KEY = BackupCheck.AGE_REPORT_KEY;

    /** Reads a report entry's value; empty when it is not one of ours. */
    public static Optional<BackupAge> parse(String value) {
        String[] parts = value.split(" ", 4);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BackupAge(parts[2], parts[3], Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

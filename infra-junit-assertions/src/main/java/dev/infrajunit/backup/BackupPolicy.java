package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One backup policy of a host, as its environment entry (or one of its roles) declares it.
 *
 * @param kind       where the backup lives
 * @param target     the value of the kind's key: a glob, an {@code s3://} URL, an instance id (or
 *                   {@code true} for the host's own instance), an RDS identifier, a resource ARN
 * @param maxAge     {@code maxAge}: how old the newest backup may be
 * @param minSize    {@code minSize} in bytes: how small the newest backup may be (files, s3, awsBackup)
 * @param verify     {@code verify} (files only): a command template run on the newest file, {@code {0}}
 *                   standing for its path, e.g. {@code gzip -t {0}}
 * @param privileged {@code privileged} (files only): run the commands with {@code sudo -n}
 * @param timeZone   {@code timeZone} (s3 only): the zone of the dates in a date-structured prefix, default UTC
 */
@API(status = STABLE)
public record BackupPolicy(BackupKind kind, String target, Optional<Duration> maxAge, OptionalLong minSize,
                           Optional<String> verify, boolean privileged, ZoneId timeZone) {

    /** How messages name the policy: {@code files /var/backups/pg/*.dump}. */
    public String describe() {
        return kind.key() + " " + target;
    }
}

package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a backup lives; each kind is one key of a host's {@code backup} policy. The kinds below are
 * those infra-junit ships ({@code files} and {@code job} here, the AWS kinds in infra-junit-aws); a plug-in adds
 * another by its {@link BackupStore}.
 */
@API(status = STABLE)
public final class BackupKind {

    /** Files on the host matching a glob: {@code files: /var/backups/pg/${host}-*.dump}. */
    public static final BackupKind FILES = new BackupKind("files", "/var/backups/*.dump");
    /** Objects under an S3 prefix: {@code s3: s3://bucket/prefix/}. */
    public static final BackupKind S3 = new BackupKind("s3", "s3://my-backups/${host}/");
    /** Completed EBS snapshots of every volume of the host's EC2 instance: {@code ebs: true}. */
    public static final BackupKind EBS = new BackupKind("ebs", "true");
    /** Automated backups of an RDS DB instance or Aurora cluster: {@code rds: orders-db}. */
    public static final BackupKind RDS = new BackupKind("rds", "my-db-instance");
    /** Completed AWS Backup recovery points of a resource: {@code awsBackup: arn:aws:...}. */
    public static final BackupKind AWS_BACKUP = new BackupKind("awsBackup",
            "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0");
    /** The job that makes the backups, a systemd timer whose last run succeeded: {@code job: { timer: pg-backup.timer }}. */
    public static final BackupKind JOB = new BackupKind("job", "{ timer: pg-backup.timer }");

    /** The kinds infra-junit ships, in the order messages list them. */
    static final List<BackupKind> SHIPPED = List.of(FILES, S3, EBS, RDS, AWS_BACKUP, JOB);

    private final String key;
    private final String example;

    private BackupKind(String key, String example) {
        this.key = key;
        this.example = example;
    }

    /**
     * A kind of a plug-in: its policy key and a value for it that messages show.
     *
     * @throws IllegalArgumentException when the key is one of the shipped kinds' (use the constant)
     */
    public static BackupKind of(String key, String example) {
        if (byKey(key).isPresent()) {
            throw new IllegalArgumentException("'" + key + "' is a kind infra-junit ships; use BackupKind's constant");
        }
        return new BackupKind(Objects.requireNonNull(key, "key"), Objects.requireNonNull(example, "example"));
    }

    /** The policy key in the environment file: {@code files}, {@code s3}, {@code ebs}, {@code rds}, {@code awsBackup}, {@code job}. */
    public String key() {
        return key;
    }

    /** A value for the key, used in messages that show how to declare a policy. */
    public String example() {
        return example;
    }

    static Optional<BackupKind> byKey(String key) {
        return SHIPPED.stream().filter(kind -> kind.key.equals(key)).findFirst();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackupKind kind && kind.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}

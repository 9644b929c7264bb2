package dev.infrajunit.backup;

import java.util.Arrays;
import java.util.Optional;

/** Where a backup lives; each kind is one key of a host's {@code backup} policy. */
public enum BackupKind {

    /** Files on the host matching a glob: {@code files: /var/backups/pg/${host}-*.dump}. */
    FILES("files", "/var/backups/*.dump"),
    /** Objects under an S3 prefix: {@code s3: s3://bucket/prefix/}. */
    S3("s3", "s3://my-backups/${host}/"),
    /** Completed EBS snapshots of every volume of the host's EC2 instance: {@code ebs: true}. */
    EBS("ebs", "true"),
    /** Automated backups of an RDS DB instance or Aurora cluster: {@code rds: orders-db}. */
    RDS("rds", "my-db-instance"),
    /** Completed AWS Backup recovery points of a resource: {@code awsBackup: arn:aws:...}. */
    AWS_BACKUP("awsBackup", "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0"),
    /** The job that makes the backups, a systemd timer whose last run succeeded: {@code job: { timer: pg-backup.timer }}. */
    JOB("job", "{ timer: pg-backup.timer }");

    private final String key;
    private final String example;

    BackupKind(String key, String example) {
        this.key = key;
        this.example = example;
    }

    /** The policy key in the environment file: {@code files}, {@code s3}, {@code ebs}, {@code rds}, {@code awsBackup}, {@code job}. */
    public String key() {
        return key;
    }

    /** A value for the key, used in messages that show how to declare a policy. */
    String example() {
        return example;
    }

    static Optional<BackupKind> byKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}

package dev.infrajunit.aws.backup;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.Host;
import dev.infrajunit.backup.BackupExpectation;
import dev.infrajunit.backup.BackupKind;
import dev.infrajunit.backup.BackupPolicy;
import dev.infrajunit.backup.BackupStore;
import dev.infrajunit.spi.Keys;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The AWS backup kinds, each a {@link BackupStore} registered in
 * {@code META-INF/services/dev.infrajunit.spi.BackupPolicyKind}. Each kind's class loads its AWS
 * client only when a host declares that kind.
 */
@API(status = INTERNAL)
public final class AwsBackupStores {

    private AwsBackupStores() {
    }

    /** A kind, the keys it takes, and its check; the check's class and client load when it first runs. */
    abstract static class AwsStore implements BackupStore {

        private final BackupKind kind;
        private final Keys keys;
        private final Check check;

        AwsStore(BackupKind kind, Keys keys, Check check) {
            this.kind = kind;
            this.keys = keys;
            this.check = check;
        }

        @Override
        public BackupKind kind() {
            return kind;
        }

        @Override
        public Keys keys() {
            return keys;
        }

        @Override
        public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
            return check.problems(host, policy, expectation);
        }

        static String startingWith(String prefix, Object written, String mustBe) {
            String value = String.valueOf(written);
            if (!value.startsWith(prefix)) {
                throw new IllegalArgumentException(mustBe + ", but is '" + value + "'");
            }
            return value;
        }
    }

    @FunctionalInterface
    interface Check {
        List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation);
    }

    /** {@code s3: s3://bucket/prefix/}: the newest object under the prefix. */
    public static final class S3 extends AwsStore {

        public S3() {
            super(BackupKind.S3, Keys.of().text("s3").text("timeZone"),
                    (host, policy, expectation) -> new S3Backups(host).problems(policy, expectation));
        }

        @Override
        public boolean reportsSize() {
            return true;
        }

        @Override
        public String target(Object written) {
            return startingWith("s3://", written, "s3 must be a URL like s3://bucket/prefix/");
        }
    }

    /** {@code ebs: true} (or an instance id): completed snapshots of every volume of the instance. */
    public static final class Ebs extends AwsStore {

        /** {@code true} for the host's own instance, or an instance id. */
        public Ebs() {
            super(BackupKind.EBS, Keys.of().scalar("ebs"),
                    (host, policy, expectation) -> new EbsSnapshots(host).problems(policy, expectation));
        }

        @Override
        public String target(Object written) {
            String value = String.valueOf(written);
            if (value.equals("false")) {
                throw new IllegalArgumentException("ebs needs a value, e.g. ebs: " + BackupKind.EBS.example());
            }
            return value;
        }
    }

    /** {@code rds: orders-db}: automated backups of a DB instance or Aurora cluster. */
    public static final class Rds extends AwsStore {

        public Rds() {
            super(BackupKind.RDS, Keys.of().text("rds"),
                    (host, policy, expectation) -> new RdsBackups(host).problems(policy, expectation));
        }
    }

    /** {@code awsBackup: arn:...}: completed AWS Backup recovery points of a resource. */
    public static final class AwsBackup extends AwsStore {

        public AwsBackup() {
            super(BackupKind.AWS_BACKUP, Keys.of().text("awsBackup"),
                    (host, policy, expectation) -> new AwsBackupRecoveryPoints(host).problems(policy, expectation));
        }

        @Override
        public boolean reportsSize() {
            return true;
        }

        @Override
        public String target(Object written) {
            return startingWith("arn:", written,
                    "awsBackup must be the ARN of the protected resource, e.g. " + BackupKind.AWS_BACKUP.example());
        }
    }
}

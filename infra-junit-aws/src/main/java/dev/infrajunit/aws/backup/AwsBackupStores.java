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

    /** {@code s3: s3://bucket/prefix/}: the newest object under the prefix. */
    public static final class S3 implements BackupStore {

        @Override
        public BackupKind kind() {
            return BackupKind.S3;
        }

        @Override
        public Keys keys() {
            return Keys.of().text("s3").text("timeZone");
        }

        @Override
        public boolean reportsSize() {
            return true;
        }

        @Override
        public String target(Object written) {
            String value = String.valueOf(written);
            if (!value.startsWith("s3://")) {
                throw new IllegalArgumentException("s3 must be a URL like s3://bucket/prefix/, but is '" + value + "'");
            }
            return value;
        }

        @Override
        public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
            return new S3Backups(host).problems(policy, expectation);
        }
    }

    /** {@code ebs: true} (or an instance id): completed snapshots of every volume of the instance. */
    public static final class Ebs implements BackupStore {

        @Override
        public BackupKind kind() {
            return BackupKind.EBS;
        }

        /** {@code true} for the host's own instance, or an instance id. */
        @Override
        public Keys keys() {
            return Keys.of().scalar("ebs");
        }

        @Override
        public String target(Object written) {
            String value = String.valueOf(written);
            if (value.equals("false")) {
                throw new IllegalArgumentException("ebs needs a value, e.g. ebs: " + BackupKind.EBS.example());
            }
            return value;
        }

        @Override
        public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
            return new EbsSnapshots(host).problems(policy, expectation);
        }
    }

    /** {@code rds: orders-db}: automated backups of a DB instance or Aurora cluster. */
    public static final class Rds implements BackupStore {

        @Override
        public BackupKind kind() {
            return BackupKind.RDS;
        }

        @Override
        public Keys keys() {
            return Keys.of().text("rds");
        }

        @Override
        public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
            return new RdsBackups(host).problems(policy, expectation);
        }
    }

    /** {@code awsBackup: arn:...}: completed AWS Backup recovery points of a resource. */
    public static final class AwsBackup implements BackupStore {

        @Override
        public BackupKind kind() {
            return BackupKind.AWS_BACKUP;
        }

        @Override
        public Keys keys() {
            return Keys.of().text("awsBackup");
        }

        @Override
        public boolean reportsSize() {
            return true;
        }

        @Override
        public String target(Object written) {
            String value = String.valueOf(written);
            if (!value.startsWith("arn:")) {
                throw new IllegalArgumentException("awsBackup must be the ARN of the protected resource, e.g. "
                        + BackupKind.AWS_BACKUP.example() + ", but is '" + value + "'");
            }
            return value;
        }

        @Override
        public List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation) {
            return new AwsBackupRecoveryPoints(host).problems(policy, expectation);
        }
    }
}

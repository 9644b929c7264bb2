package dev.infrajunit.aws;

import static dev.infrajunit.aws.AwsAssertions.assertThat;
import static dev.infrajunit.aws.AwsAssertions.aws;
import static dev.infrajunit.aws.S3BucketAssertTest.assertFails;

import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RDS instance assertions: the real RDS client over HTTP against recorded RDS query-protocol replies. */
class RdsInstanceAssertTest {

    @RegisterExtension
    static final RecordedAwsServer rds = new RecordedAwsServer();
    private RunEnvironment environment;



    @BeforeEach
    void setUp() {
        environment = rds.environment();
        for (String id : new String[] {"orders-db", "legacy-db"}) {
            rds.onAction("DescribeDBInstances", request -> id.equals(request.parameter("DBInstanceIdentifier")), 200,
                    "rds/describe-db-instances-" + id + ".xml");
        }
        rds.onAction("DescribeDBInstances", request -> true, 404, "rds/error-db-instance-not-found.xml");
    }


    @Test
    void aWellKeptInstancePassesEveryCheckWithOneCall() {
        assertThat(aws(environment).rdsInstance("orders-db"))
                .hasBackupRetentionOfAtLeast(7)
                .hasStorageEncrypted()
                .hasDeletionProtection()
                .isMultiAz();
        org.assertj.core.api.Assertions.assertThat(rds.requests("DescribeDBInstances")).hasSize(1);
    }

    @Test
    void eachSettingFailsNamingWhatWasFound() {
        assertFails(() -> assertThat(aws(environment).rdsInstance("legacy-db")).hasBackupRetentionOfAtLeast(7),
                "RDS instance legacy-db: expected backups kept for at least 7 days, but BackupRetentionPeriod is 1 (rds:DescribeDBInstances)");
        assertFails(() -> assertThat(aws(environment).rdsInstance("legacy-db")).hasStorageEncrypted(),
                "RDS instance legacy-db: expected encrypted storage, but StorageEncrypted is false (rds:DescribeDBInstances)");
        assertFails(() -> assertThat(aws(environment).rdsInstance("legacy-db")).hasDeletionProtection(),
                "RDS instance legacy-db: expected deletion protection, but DeletionProtection is false (rds:DescribeDBInstances)");
        assertFails(() -> assertThat(aws(environment).rdsInstance("legacy-db")).isMultiAz(),
                "RDS instance legacy-db: expected Multi-AZ, but MultiAZ is false (rds:DescribeDBInstances)");
    }

    @Test
    void aMissingInstanceFails() {
        assertFails(() -> assertThat(aws(environment).rdsInstance("ghost-db")).hasDeletionProtection(),
                "RDS instance ghost-db: expected deletion protection, but no DB instance ghost-db exists in eu-west-1 (rds:DescribeDBInstances)");
    }
}

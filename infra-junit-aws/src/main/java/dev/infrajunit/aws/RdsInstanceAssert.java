package dev.infrajunit.aws;

import java.util.Map;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Assertions about an RDS DB instance's settings, as DescribeDBInstances reports them for the
 * instance (for an Aurora member, retention and Multi-AZ are the cluster's business).
 * The instance is described once per assertion chain.
 */
public class RdsInstanceAssert extends AwsResourceAssert<RdsInstanceAssert, RdsInstance> {

    private static final String ACTION = "rds:DescribeDBInstances";

    private DBInstance instance;

    public RdsInstanceAssert(RdsInstance instance) {
        super(instance, RdsInstanceAssert.class);
    }

    /** Automated backups are kept at least this many days (BackupRetentionPeriod). */
    public RdsInstanceAssert hasBackupRetentionOfAtLeast(int days) {
        String expected = "backups kept for at least " + days + (days == 1 ? " day" : " days");
        Integer retention = instance(expected).backupRetentionPeriod();
        if (retention == null || retention < days) {
            fail(expected, "BackupRetentionPeriod is " + retention, ACTION);
        }
        return myself;
    }

    /** The instance's storage is encrypted at rest (StorageEncrypted). */
    public RdsInstanceAssert hasStorageEncrypted() {
        return holds("encrypted storage", "StorageEncrypted", instance("encrypted storage").storageEncrypted());
    }

    /** The instance cannot be deleted until deletion protection is turned off (DeletionProtection). */
    public RdsInstanceAssert hasDeletionProtection() {
        return holds("deletion protection", "DeletionProtection", instance("deletion protection").deletionProtection());
    }

    /** The instance has a standby in another availability zone (MultiAZ). */
    public RdsInstanceAssert isMultiAz() {
        return holds("Multi-AZ", "MultiAZ", instance("Multi-AZ").multiAZ());
    }

    private RdsInstanceAssert holds(String expected, String setting, Boolean value) {
        if (!Boolean.TRUE.equals(value)) {
            fail(expected, setting + " is " + value, ACTION);
        }
        return myself;
    }

    private DBInstance instance(String expected) {
        if (instance == null) {
            String id = actual.identifier();
            instance = ask(expected, ACTION, Map.of("DBInstanceNotFound",
                            "no DB instance " + id + " exists in " + actual.context().regionLabel()),
                    () -> AwsClients.rds(actual.context()).describeDBInstances(request -> request.dbInstanceIdentifier(id))
                            .dbInstances().get(0));
        }
        return instance;
    }
}

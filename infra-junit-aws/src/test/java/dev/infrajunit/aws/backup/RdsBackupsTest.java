package dev.infrajunit.aws.backup;

import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.embedded.aws.RdsStandIn;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rds} policies: the real RDS client over HTTP against recorded RDS query-protocol replies. */
class RdsBackupsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    @RegisterExtension
    static final RecordedAwsServer rds = new RecordedAwsServer();




    @Test
    void anInstanceWithFreshAutomatedBackupsHolds() {
        instance("orders-db");
        rds.onAction("DescribeDBSnapshots", request -> request.parameter("Marker") == null, 200, "rds/describe-db-snapshots-orders-db-page-1.xml");
        rds.onAction("DescribeDBSnapshots", request -> "page-2-marker".equals(request.parameter("Marker")), 200, "rds/describe-db-snapshots-orders-db-page-2.xml");

        assertThat(check("orders-db")).isEmpty();

        assertThat(rds.requests("DescribeDBInstances").get(0).parameter("DBInstanceIdentifier")).isEqualTo("orders-db");
        List<AwsRequest> snapshots = rds.requests("DescribeDBSnapshots");
        assertThat(snapshots).hasSize(2).allSatisfy(request -> {
            assertThat(request.parameter("DBInstanceIdentifier")).isEqualTo("orders-db");
            assertThat(request.parameter("SnapshotType")).isEqualTo("automated");
        });
    }

    @Test
    void aStaleAutomatedSnapshotFails() {
        instance("legacy-db");
        rds.onAction("DescribeDBSnapshots", "rds/describe-db-snapshots-legacy-db.xml");

        assertThat(check("legacy-db")).contains("db-2: expected a backup younger than 24h, but the newest automated snapshot"
                + " of RDS instance legacy-db is rds:legacy-db-2026-11-27-09-00, 2d 3h old");
    }

    @Test
    void automatedBackupsTurnedOffFail() {
        instance("scratch-db");

        assertThat(check("scratch-db")).contains("db-2: expected a backup younger than 24h, but automated backups are off"
                + " for RDS instance scratch-db (BackupRetentionPeriod 0)");
        assertThat(rds.requests("DescribeDBSnapshots")).isEmpty();
    }

    @Test
    void aLatestRestorableTimeThatStoppedAdvancingFails() {
        instance("stuck-db");
        rds.onAction("DescribeDBSnapshots", "rds/describe-db-snapshots-stuck-db.xml");

        assertThat(check("stuck-db")).contains("db-2: expected a backup younger than 24h, but RDS instance stuck-db can be"
                + " restored only to 2026-11-27T09:00:00Z, 2d 3h ago (LatestRestorableTime)");
    }

    @Test
    void aStaleBackupOfAnInstanceThatIsNotAvailableSaysThatRdsTakesNoneUntilItIs() {
        Instant storageFull = CLOCK.instant().minus(Duration.ofHours(51));
        new RdsStandIn(rds.standIn(), RecordedAwsServer.REGION, "123456789012", 100)
                .add(new RdsStandIn.Instance("full-db", "mysql", "storage-full", null, 7, storageFull, Map.of(),
                        List.of(storageFull.minus(Duration.ofDays(1)), storageFull)));

        assertThat(check("full-db")).contains("db-2: expected a backup younger than 24h, but the newest automated snapshot"
                + " of RDS instance full-db is rds:full-db-2026-11-27-09-00, 2d 3h old; it is storage-full, and RDS takes"
                + " automated backups only while a database is available");
    }

    @Test
    void anAuroraClusterIsCheckedThroughItsClusterSnapshots() {
        rds.onAction("DescribeDBInstances", request -> true, 404, "rds/error-db-instance-not-found.xml");
        rds.onAction("DescribeDBClusters", request -> "orders-aurora".equals(request.parameter("DBClusterIdentifier")), 200,
                "rds/describe-db-clusters-orders-aurora.xml");
        rds.onAction("DescribeDBClusterSnapshots", request -> "orders-aurora".equals(request.parameter("DBClusterIdentifier"))
                && "automated".equals(request.parameter("SnapshotType")), 200, "rds/describe-db-cluster-snapshots-orders-aurora.xml");

        assertThat(check("orders-aurora")).contains("db-2: expected a backup younger than 24h, but the newest automated snapshot"
                + " of RDS cluster orders-aurora is rds:orders-aurora-2026-11-27-09-00, 2d 3h old");
    }

    @Test
    void anAuroraMemberInstanceStandsForItsCluster() {
        instance("orders-aurora-1");
        rds.onAction("DescribeDBClusters", request -> "orders-aurora".equals(request.parameter("DBClusterIdentifier")), 200,
                "rds/describe-db-clusters-orders-aurora.xml");
        rds.onAction("DescribeDBClusterSnapshots", request -> true, 200, "rds/describe-db-cluster-snapshots-orders-aurora.xml");

        assertThat(check("orders-aurora-1", "4d")).isEmpty();
        assertThat(rds.requests("DescribeDBSnapshots")).isEmpty();
    }

    @Test
    void anUnknownIdentifierFails() {
        rds.onAction("DescribeDBInstances", request -> true, 404, "rds/error-db-instance-not-found.xml");
        rds.onAction("DescribeDBClusters", request -> true, 404, "rds/error-db-cluster-not-found.xml");

        assertThat(check("ghost-db")).contains(
                "db-2: expected a backup younger than 24h, but no RDS DB instance or cluster is named ghost-db in eu-west-1");
    }

    @Test
    void accessDeniedNamesTheAction() {
        rds.onAction("DescribeDBInstances", request -> true, 403, "rds/error-access-denied.xml");

        assertThatThrownBy(() -> check("orders-db"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-2: AWS denied rds:DescribeDBInstances in eu-west-1 (AccessDenied);"
                        + " allow rds:DescribeDBInstances for the identity the checks run as");
    }

    private void instance(String id) {
        rds.onAction("DescribeDBInstances", request -> id.equals(request.parameter("DBInstanceIdentifier")), 200,
                "rds/describe-db-instances-" + id + ".xml");
    }

    private Optional<String> check(String id) {
        return check(id, "24h");
    }

    private Optional<String> check(String id, String maxAge) {
        RunEnvironment environment = rds.environment(localHost("db-2", Map.of("backup", Map.of("rds", id, "maxAge", maxAge))));
        return BackupCheck.of(environment.host("db-2")).clock(CLOCK).failure();
    }
}

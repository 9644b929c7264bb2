package dev.infrajunit.embedded.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/** The RDS stand-in as the real RDS client reads it: every page, one database by name, the faults, the snapshots. */
class RdsStandInTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static AwsStandIn standIn;
    private static RdsClient rds;

    @BeforeAll
    static void start() throws Exception {
        standIn = AwsStandIn.start();
        new RdsStandIn(standIn, "eu-west-1", "123456789012", 2)
                .add(new RdsStandIn.Instance("orders-db", "postgres", "available", null, 7, NOW.minusSeconds(300),
                        Map.of("env", "prod"), List.of(NOW.minus(Duration.ofHours(27)), NOW.minus(Duration.ofHours(3)))))
                .add(new RdsStandIn.Instance("catalog-1", "aurora-postgresql", "available", "catalog", 0, null, Map.of(), List.of()))
                .add(new RdsStandIn.Instance("reports-db", "mysql", "storage-full", null, 7, NOW.minus(Duration.ofHours(51)),
                        Map.of(), List.of(NOW.minus(Duration.ofHours(51)))))
                .add(new RdsStandIn.Cluster("catalog", "aurora-postgresql", 7, NOW.minusSeconds(300), List.of("catalog-1"),
                        Map.of("env", "prod", "team", "shop"), List.of(NOW.minus(Duration.ofHours(4)))));
        rds = RdsClient.builder()
                .endpointOverride(standIn.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        rds.close();
        standIn.close();
    }

    @Test
    void everyInstanceComesPageByPage() {
        int before = standIn.requests("DescribeDBInstances").size();

        List<DBInstance> instances = rds.describeDBInstancesPaginator(request -> { }).dbInstances().stream().toList();

        assertThat(instances).extracting(DBInstance::dbInstanceIdentifier).containsExactly("catalog-1", "orders-db", "reports-db");
        assertThat(standIn.requests("DescribeDBInstances")).hasSize(before + 2);
        assertThat(standIn.requests("DescribeDBInstances").get(before + 1).parameter("Marker")).isNotBlank();
        DBInstance orders = instances.get(1);
        assertThat(orders.engine()).isEqualTo("postgres");
        assertThat(orders.backupRetentionPeriod()).isEqualTo(7);
        assertThat(orders.latestRestorableTime()).isEqualTo(NOW.minusSeconds(300));
        assertThat(orders.endpoint().address()).isEqualTo("orders-db.c0standin00.eu-west-1.rds.amazonaws.com");
        assertThat(orders.dbInstanceArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:db:orders-db");
        assertThat(orders.tagList()).singleElement().satisfies(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("env=prod"));
        assertThat(instances.get(0).dbClusterIdentifier()).isEqualTo("catalog");
        assertThat(instances.get(2).dbInstanceStatus()).isEqualTo("storage-full");
    }

    @Test
    void maxRecordsSetsThePageSize() {
        assertThat(rds.describeDBInstances(request -> request.maxRecords(20)).dbInstances()).hasSize(3);
    }

    @Test
    void oneInstanceByNameOrTheFaultRdsSends() {
        assertThat(rds.describeDBInstances(request -> request.dbInstanceIdentifier("reports-db")).dbInstances())
                .extracting(DBInstance::dbInstanceIdentifier).containsExactly("reports-db");
        assertThatThrownBy(() -> rds.describeDBInstances(request -> request.dbInstanceIdentifier("ghost-db")))
                .isInstanceOf(DbInstanceNotFoundException.class).hasMessageContaining("DBInstance ghost-db not found.");
    }

    @Test
    void clustersWithTheirMembersAndTheFaultRdsSends() {
        List<DBCluster> clusters = rds.describeDBClustersPaginator(request -> { }).dbClusters().stream().toList();

        assertThat(clusters).singleElement().satisfies(cluster -> {
            assertThat(cluster.dbClusterIdentifier()).isEqualTo("catalog");
            assertThat(cluster.engine()).isEqualTo("aurora-postgresql");
            assertThat(cluster.backupRetentionPeriod()).isEqualTo(7);
            assertThat(cluster.dbClusterMembers()).singleElement().satisfies(member -> {
                assertThat(member.dbInstanceIdentifier()).isEqualTo("catalog-1");
                assertThat(member.isClusterWriter()).isTrue();
            });
            assertThat(cluster.endpoint()).isEqualTo("catalog.cluster.c0standin00.eu-west-1.rds.amazonaws.com");
            assertThat(cluster.tagList()).hasSize(2);
        });
        assertThatThrownBy(() -> rds.describeDBClusters(request -> request.dbClusterIdentifier("orders-db")))
                .isInstanceOf(DbClusterNotFoundException.class);
    }

    @Test
    void automatedSnapshotsOfOneDatabaseNamedAsRdsNamesThem() {
        Instant newest = NOW.minus(Duration.ofHours(3));

        List<DBSnapshot> snapshots = rds.describeDBSnapshotsPaginator(request -> request.dbInstanceIdentifier("orders-db")
                .snapshotType("automated")).dbSnapshots().stream().toList();

        assertThat(snapshots).hasSize(2).allSatisfy(snapshot -> {
            assertThat(snapshot.dbInstanceIdentifier()).isEqualTo("orders-db");
            assertThat(snapshot.status()).isEqualTo("available");
            assertThat(snapshot.snapshotType()).isEqualTo("automated");
        });
        assertThat(snapshots.get(1).snapshotCreateTime()).isEqualTo(newest);
        assertThat(snapshots.get(1).dbSnapshotIdentifier()).matches("rds:orders-db-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");
        assertThat(rds.describeDBSnapshots(request -> request.dbInstanceIdentifier("orders-db").snapshotType("manual"))
                .dbSnapshots()).isEmpty();
        assertThat(rds.describeDBClusterSnapshotsPaginator(request -> request.dbClusterIdentifier("catalog")
                .snapshotType("automated")).dbClusterSnapshots().stream().toList())
                .singleElement().satisfies(snapshot -> assertThat(snapshot.snapshotCreateTime()).isEqualTo(NOW.minus(Duration.ofHours(4))));
    }

    @Test
    void aRequestNoRouteAnswersIsRecordedAndRefused() {
        assertThatThrownBy(() -> rds.describeDBParameterGroups()).hasMessageContaining("400");
        assertThat(standIn.unmatched()).extracting(AwsRequest::action).contains("DescribeDBParameterGroups");
    }
}

package dev.infrajunit.aws;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostSelector;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hostSources: - rds: ...}: every RDS database of the account becomes a subject, found with
 * the real RDS client over recorded query-protocol replies, page by page; their backup policy comes
 * from a role, and they have no shell.
 */
class RdsHostSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final RecordedAwsServer rds = new RecordedAwsServer();

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private EnvironmentDefinition load(String hostSources) {
        String yaml = """
                aws: { region: eu-west-1, endpoint: "%s" }
                roles:
                  database:
                    backup: { rds: "${host}", maxAge: 24h }
                hostSources:
                %s""".formatted(rds.endpoint(), hostSources.indent(2));
        return loader.parse(yaml, "prod", Optional.of(Path.of("prod.yaml")));
    }

    private void theAccount() {
        rds.onAction("DescribeDBInstances", request -> request.parameter("DBInstanceIdentifier") == null
                && request.parameter("Marker") == null, 200, "rds/describe-db-instances-account-page-1.xml");
        rds.onAction("DescribeDBInstances", request -> "b3JkZXJzLWF1cm9yYS0x".equals(request.parameter("Marker")), 200,
                "rds/describe-db-instances-account-page-2.xml");
        rds.onAction("DescribeDBClusters", request -> request.parameter("DBClusterIdentifier") == null, 200,
                "rds/describe-db-clusters-account.xml");
    }

    @Test
    void everyDatabaseOfTheRegionAcrossPagesWithoutTheMembersOfAClusters() {
        theAccount();

        EnvironmentDefinition environment = load("- rds: { roles: [database] }\n");

        assertThat(environment.hosts()).extracting(HostDefinition::name)
                .containsExactly("legacy-db", "orders-aurora", "orders-db", "scratch-db");
        HostDefinition orders = environment.hosts().get(2);
        assertThat(orders.address()).isEqualTo("orders-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com");
        assertThat(orders.transport()).isEqualTo("none");
        assertThat(orders.roles()).containsExactly("database");
        assertThat(orders.properties()).containsEntry("properties",
                Map.of("engine", "postgres", "tags", Map.of("env", "prod", "team", "orders")));
        assertThat(orders.properties().get("aws")).isEqualTo(Map.of("region", "eu-west-1",
                "endpoint", rds.endpoint().toString(), "dbInstanceId", "orders-db"));
        assertThat(environment.hosts().get(1).properties().get("aws")).isEqualTo(Map.of("region", "eu-west-1",
                "endpoint", rds.endpoint().toString(), "dbClusterId", "orders-aurora"));
        assertThat(HostSelector.parse("role:database&prop:properties.tags.env=prod").select(environment.hosts()))
                .extracting(HostDefinition::name).containsExactly("legacy-db", "orders-aurora", "orders-db");
        assertThat(rds.requests("DescribeDBInstances")).hasSize(2);
    }

    @Test
    void onlyTheDatabasesWithEveryTag() {
        theAccount();

        EnvironmentDefinition environment = load("- rds: { tags: { env: prod, team: orders }, roles: [database] }\n");

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("orders-db");
    }

    @Test
    void theRolesBackupPolicyIsCheckedForEachAndTheStaleOnesFail() {
        theAccount();
        rds.onAction("DescribeDBInstances", request -> "orders-db".equals(request.parameter("DBInstanceIdentifier")), 200,
                "rds/describe-db-instances-orders-db.xml");
        rds.onAction("DescribeDBInstances", request -> "legacy-db".equals(request.parameter("DBInstanceIdentifier")), 200,
                "rds/describe-db-instances-legacy-db.xml");
        rds.onAction("DescribeDBInstances", request -> "orders-aurora".equals(request.parameter("DBInstanceIdentifier")), 404,
                "rds/error-db-instance-not-found.xml");
        rds.onAction("DescribeDBClusters", request -> "orders-aurora".equals(request.parameter("DBClusterIdentifier")), 200,
                "rds/describe-db-clusters-orders-aurora.xml");
        rds.onAction("DescribeDBSnapshots", request -> "orders-db".equals(request.parameter("DBInstanceIdentifier"))
                && request.parameter("Marker") == null, 200, "rds/describe-db-snapshots-orders-db-page-1.xml");
        rds.onAction("DescribeDBSnapshots", request -> "page-2-marker".equals(request.parameter("Marker")), 200,
                "rds/describe-db-snapshots-orders-db-page-2.xml");
        rds.onAction("DescribeDBSnapshots", request -> "legacy-db".equals(request.parameter("DBInstanceIdentifier")), 200,
                "rds/describe-db-snapshots-legacy-db.xml");
        rds.onAction("DescribeDBClusterSnapshots", "rds/describe-db-cluster-snapshots-orders-aurora.xml");

        EnvironmentDefinition definition = load("- rds: { tags: { env: prod }, roles: [database] }\n");
        try (RunEnvironment run = new RunEnvironment(definition)) {
            assertThat(BackupCheck.of(run.host("orders-db")).clock(CLOCK).failure()).isEmpty();
            assertThat(BackupCheck.of(run.host("orders-aurora")).clock(CLOCK).failure()).contains("orders-aurora: expected"
                    + " a backup younger than 24h, but the newest automated snapshot of RDS cluster orders-aurora is"
                    + " rds:orders-aurora-2026-11-27-09-00, 2d 3h old");
            assertThat(BackupCheck.of(run.host("legacy-db")).clock(CLOCK).failure()).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("legacy-db: expected a backup younger than 24h, but ");
        }
    }

    @Test
    @Timeout(10)
    void aHostCheckThatNeedsAShellCannotCheckADatabaseAtOnce() {
        theAccount();
        try (RunEnvironment run = new RunEnvironment(load("- rds: { tags: { team: orders }, roles: [database] }\n"))) {
            Host orders = run.host("orders-db");
            assertThatThrownBy(() -> assertThat(orders).file("/var/lib/postgresql").exists())
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("orders-db: could not check: this subject has no shell (transport: none),"
                            + " so `")
                    .hasMessageEndingWith("` cannot run on it; check it with hasRecentBackup() or the AWS assertions");
        }
    }

    @Test
    void aRefusedCallNamesWhatWasAsked() {
        rds.onAction("DescribeDBInstances", request -> true, 403, "rds/error-access-denied.xml");
        assertThatThrownBy(() -> load("- rds: { roles: [database] }\n"))
                .hasMessageContaining("rds:DescribeDBInstances");
    }
}

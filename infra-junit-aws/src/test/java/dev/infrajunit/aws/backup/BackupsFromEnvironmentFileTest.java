package dev.infrajunit.aws.backup;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static dev.infrajunit.aws.AwsAssertions.assertThat;
import static dev.infrajunit.aws.AwsAssertions.aws;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.runtime.ActiveEnvironment;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup policies as an environment file declares them, read by the engine's loader: inherited
 * from a role with {@code ${host}} in the glob, replaced by a host's own, absent on another.
 */
class BackupsFromEnvironmentFileTest {

    @RegisterExtension
    static final RecordedAwsServer rds = new RecordedAwsServer();

    @TempDir
    Path backups;
    private RunEnvironment environment;

    @BeforeEach
    void environment() throws Exception {
        file("db-1-2026-11-29.dump", 2048, Duration.ofHours(3));
        file("db-2-2026-11-27.dump", 1_200_000_000L, Duration.ofDays(2).plusHours(3).plusSeconds(30));
        String yaml = """
                aws: { region: eu-west-1, endpoint: "%s" }
                roles:
                  database:
                    backup:
                      files: %s/${host}-*.dump
                      maxAge: 24h
                      minSize: 1KB
                hosts:
                  db-1: { transport: local, roles: [database] }
                  db-2: { transport: local, roles: [database] }
                  db-3:
                    transport: local
                    roles: [database]
                    backup: { rds: orders-db, maxAge: 24h }
                  web-1: { transport: local }
                """.formatted(rds.endpoint(), backups);
        environment = new RunEnvironment(new EnvironmentLoader(getClass().getClassLoader(), name -> null)
                .parse(yaml, "staging", Optional.empty()));
        ActiveEnvironment.begin(environment);
    }

    @AfterEach
    void close() {
        ActiveEnvironment.end(environment);
        environment.close();
    }

    @Test
    void aHostInheritsItsRolesPolicyWithItsOwnNameInTheGlob() {
        assertThat(environment.host("db-1")).hasRecentBackup();
        assertThatThrownBy(() -> assertThat(environment.host("db-2")).hasRecentBackup())
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-2: expected a backup younger than 24h, but the newest of " + backups
                        + "/db-2-*.dump is db-2-2026-11-27.dump, 2d 3h old (1.2 GB)");
    }

    @Test
    void aHostsOwnPolicyReplacesItsRoles() {
        rds.onAction("DescribeDBInstances", request -> "orders-db".equals(request.parameter("DBInstanceIdentifier")), 200,
                "rds/describe-db-instances-scratch-db.xml");

        assertThatThrownBy(() -> assertThat(environment.host("db-3")).hasRecentBackup())
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-3: expected a backup younger than 24h, but automated backups are off for RDS instance"
                        + " scratch-db (BackupRetentionPeriod 0)");
    }

    @Test
    void aHostWithoutRoleOrPolicyFails() {
        assertThatThrownBy(() -> assertThat(environment.host("web-1")).hasRecentBackup())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("web-1: expected a recent backup, but web-1 has no backup policy;"
                        + " declare one in the environment file, under the host, e.g.:");
    }

    @Test
    void awsResourcesOfTheActiveEnvironment() {
        rds.onAction("DescribeDBInstances", "rds/describe-db-instances-orders-db.xml");

        assertThat(aws().rdsInstance("orders-db")).hasDeletionProtection().isMultiAz();
    }

    private void file(String name, long size, Duration age) throws Exception {
        Path file = backups.resolve(name);
        try (var out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }
}

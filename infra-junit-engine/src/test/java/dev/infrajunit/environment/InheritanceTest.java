package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InheritanceTest {

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private HostDefinition host(String yaml, String name) {
        return loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml"))).hosts().stream()
                .filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aHostsOwnKeyBeatsItsRolesWhichBeatTheTopLevel() {
        String yaml = """
                commandTimeout: 30s
                sudo: false
                roles:
                  database: { commandTimeout: 2m, sudo: true }
                hosts:
                  db-1: { roles: [database] }
                  db-2: { roles: [database], commandTimeout: 5m }
                  web-1: {}
                """;

        assertThat(host(yaml, "db-1").commandTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(host(yaml, "db-1").sudo()).isTrue();
        assertThat(host(yaml, "db-2").commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(host(yaml, "web-1").commandTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(host(yaml, "web-1").sudo()).isFalse();
    }

    @Test
    void laterRolesBeatEarlierOnesInTheOrderTheHostListsThem() {
        String yaml = """
                roles:
                  slow: { commandTimeout: 5m }
                  fast: { commandTimeout: 5s }
                hosts:
                  a: { roles: [slow, fast] }
                  b: { roles: [fast, slow] }
                """;

        assertThat(host(yaml, "a").commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(host(yaml, "b").commandTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void mapsMergeKeyByKeyAtEveryLevel() {
        HostDefinition host = host("""
                ssh: { user: infra, port: 22, connectTimeout: 3s }
                aws: { region: eu-west-1, profile: staging }
                roles:
                  database:
                    ssh: { port: 2222 }
                    properties: { tier: gold, location: { dc: fra1, row: 4 } }
                hosts:
                  db-1:
                    roles: [database]
                    ssh: { user: postgres }
                    aws: { instanceId: i-0abc }
                    properties: { location: { row: 7 } }
                """, "db-1");

        assertThat(host.ssh().user()).isEqualTo("postgres");
        assertThat(host.ssh().port()).isEqualTo(2222);
        assertThat(host.ssh().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(host.properties().get("aws"))
                .isEqualTo(Map.of("region", "eu-west-1", "profile", "staging", "instanceId", "i-0abc"));
        assertThat(host.properties().get("properties"))
                .isEqualTo(Map.of("tier", "gold", "location", Map.of("dc", "fra1", "row", 7)));
    }

    @Test
    void listsReplaceRatherThanJoin() {
        HostDefinition host = host("""
                ssh: { identityFile: [/keys/a, /keys/b] }
                properties: { disks: [sda, sdb] }
                hosts:
                  db-1:
                    ssh: { identityFile: /keys/c }
                    properties: { disks: [nvme0] }
                """, "db-1");

        assertThat(host.ssh().identityFiles()).containsExactly(Path.of("/keys/c"));
        assertThat(host.properties().get("properties")).isEqualTo(Map.of("disks", List.of("nvme0")));
    }

    @Test
    void aKeySetToNothingRemovesWhatWouldBeInherited() {
        HostDefinition host = host("""
                ssh: { jumpHost: bastion, user: infra }
                properties: { rack: r1 }
                hosts:
                  bastion:
                    ssh: { jumpHost: ~ }
                    properties: { rack: }
                """, "bastion");

        assertThat(host.ssh().jumpHost()).isEmpty();
        assertThat(host.ssh().user()).isEqualTo("infra");
        assertThat(host.properties().get("properties")).isEqualTo(Map.of());
    }

    @Test
    void aHostsOwnBackupReplacesEveryInheritedPolicy() {
        HostDefinition host = host("""
                backup: { files: /var/backups/*, maxAge: 7d }
                roles:
                  database: { backup: { files: /var/backups/pg/*.dump, maxAge: 24h } }
                hosts:
                  db-3:
                    roles: [database]
                    backup: { s3: "s3://acme-backups/db-3/", maxAge: 26h }
                """, "db-3");

        assertThat(host.properties().get("backup"))
                .isEqualTo(List.of(Map.of("s3", "s3://acme-backups/db-3/", "maxAge", "26h")));
    }

    @Test
    void theBackupPoliciesOfSeveralRolesAllApply() {
        HostDefinition host = host("""
                backup: { files: /var/backups/*, maxAge: 7d }
                roles:
                  database: { backup: { files: /var/backups/pg/*.dump, maxAge: 24h } }
                  mail:
                    backup:
                      - { files: /var/backups/mail/*.tar, maxAge: 2d }
                      - { s3: "s3://acme/mail/", maxAge: 2d }
                  web: {}
                hosts:
                  mx-1: { roles: [database, web, mail] }
                """, "mx-1");

        assertThat(host.properties().get("backup")).isEqualTo(List.of(
                Map.of("files", "/var/backups/pg/*.dump", "maxAge", "24h"),
                Map.of("files", "/var/backups/mail/*.tar", "maxAge", "2d"),
                Map.of("s3", "s3://acme/mail/", "maxAge", "2d")));
    }

    @Test
    void theTopLevelBackupAppliesOnlyWhenNoRoleAndNotTheHostMentionBackup() {
        String yaml = """
                backup: { files: /var/backups/*, maxAge: 7d }
                roles:
                  web: {}
                  scratch: { backup: ~ }
                hosts:
                  web-1: { roles: [web] }
                  tmp-1: { roles: [web, scratch] }
                  dev-1: { backup: }
                """;

        assertThat(host(yaml, "web-1").properties().get("backup"))
                .isEqualTo(List.of(Map.of("files", "/var/backups/*", "maxAge", "7d")));
        assertThat(host(yaml, "tmp-1").properties()).doesNotContainKey("backup");
        assertThat(host(yaml, "dev-1").properties()).doesNotContainKey("backup");
    }

    @Test
    void addressAndRolesAreNeverInherited() {
        HostDefinition host = host("""
                roles:
                  database: {}
                hosts:
                  db-1: { roles: [database] }
                """, "db-1");

        assertThat(host.address()).isEqualTo("db-1");
        assertThat(host.properties()).containsEntry("address", "db-1").containsEntry("roles", List.of("database"));
    }

    @Test
    void aProblemInAnInheritedValueNamesWhereItWasWritten() {
        assertThatThrownBy(() -> host("""
                roles:
                  database:
                    backup: { files: "/var/backups/${host}.dump", maxAge: "${host}" }
                hosts:
                  db-1: { roles: [database] }
                """, "db-1"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("staging.yaml:3: roles.database.backup.maxAge: '${host}' (= 'db-1') is not a duration;"
                        + " write it like 30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H")
                .extracting("line", "key").containsExactly(3, "roles.database.backup.maxAge");
    }
}

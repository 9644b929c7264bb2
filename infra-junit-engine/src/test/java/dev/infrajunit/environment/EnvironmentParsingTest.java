package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentParsingTest {

    private static final String HOME = System.getProperty("user.home");

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(),
            Map.of("DEPLOY_USER", "deploy")::get);

    private EnvironmentDefinition parse(String yaml) {
        return loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml")));
    }

    private static HostDefinition host(EnvironmentDefinition environment, String name) {
        return environment.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsTheExampleOfTheDesign() {
        EnvironmentDefinition environment = parse("""
                ssh:
                  user: infra
                  port: 22
                  identityFile: ~/.ssh/id_ed25519
                  knownHosts: ~/.ssh/known_hosts
                  hostKeyChecking: strict
                  connectTimeout: 10s
                  jumpHost: bastion
                commandTimeout: 30s
                aws: { region: eu-west-1, profile: staging }
                roles:
                  database:
                    backup:
                      files: /var/backups/postgres/${host}-*.dump
                      maxAge: 24h
                hosts:
                  db-1: { address: 10.0.1.11, roles: [database] }
                  db-3:
                    address: 10.0.1.13
                    roles: [database]
                    backup: { s3: "s3://acme-backups/db-3/", maxAge: 26h }
                  bastion: { address: bastion.acme.example }
                  localhost: { transport: local }
                """);

        assertThat(environment.name()).isEqualTo("staging");
        assertThat(environment.source()).contains(Path.of("staging.yaml"));
        assertThat(environment.hosts()).extracting(HostDefinition::name)
                .containsExactly("db-1", "db-3", "bastion", "localhost");
        assertThat(environment.settings()).containsOnlyKeys("ssh", "commandTimeout", "aws");
        assertThat(environment.settings().get("aws")).isEqualTo(Map.of("region", "eu-west-1", "profile", "staging"));

        HostDefinition db1 = host(environment, "db-1");
        assertThat(db1.address()).isEqualTo("10.0.1.11");
        assertThat(db1.roles()).containsExactly("database");
        assertThat(db1.transport()).isEqualTo("ssh");
        assertThat(db1.line()).isEqualTo(17);
        assertThat(db1.ssh()).isEqualTo(new SshSettings("infra", 22, List.of(Path.of(HOME, ".ssh/id_ed25519")),
                Optional.empty(), Path.of(HOME, ".ssh/known_hosts"), HostKeyChecking.STRICT, Duration.ofSeconds(10),
                Optional.of("bastion"), true));
        assertThat(db1.commandTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(db1.properties().get("backup"))
                .isEqualTo(List.of(Map.of("files", "/var/backups/postgres/db-1-*.dump", "maxAge", "24h")));

        HostDefinition db3 = host(environment, "db-3");
        assertThat(db3.line()).isEqualTo(18);
        assertThat(db3.properties().get("backup"))
                .isEqualTo(List.of(Map.of("s3", "s3://acme-backups/db-3/", "maxAge", "26h")));

        HostDefinition bastion = host(environment, "bastion");
        assertThat(bastion.roles()).isEmpty();
        assertThat(bastion.properties()).doesNotContainKey("backup");
        assertThat(host(environment, "localhost").isLocal()).isTrue();
    }

    @Test
    void aHostWithNothingButItsNameGetsEveryDefault() {
        EnvironmentDefinition environment = parse("""
                hosts:
                  web-1:
                  web-2: {}
                """);

        for (HostDefinition host : environment.hosts()) {
            assertThat(host.address()).isEqualTo(host.name());
            assertThat(host.roles()).isEmpty();
            assertThat(host.transport()).isEqualTo("ssh");
            assertThat(host.isLocal()).isFalse();
            assertThat(host.sudo()).isFalse();
            assertThat(host.commandTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(host.ssh()).isEqualTo(new SshSettings("", 0, List.of(), Optional.empty(),
                    Path.of(HOME, ".ssh", "known_hosts"), HostKeyChecking.STRICT, Duration.ofSeconds(10),
                    Optional.empty(), true));
            assertThat(host.properties()).isEqualTo(Map.of("address", host.name(), "roles", List.of()));
        }
        assertThat(environment.hosts()).extracting(HostDefinition::line).containsExactly(2, 3);
        assertThat(environment.settings()).isEmpty();
    }

    @Test
    void readsEverySshKey() {
        HostDefinition host = parse("""
                hosts:
                  db-1:
                    ssh:
                      user: postgres
                      port: 2222
                      identityFile: [ ~/.ssh/id_ed25519, /etc/keys/infra ]
                      passphraseEnv: INFRA_KEY_PASSPHRASE
                      knownHosts: build/known_hosts
                      hostKeyChecking: accept-new
                      connectTimeout: 1500ms
                      jumpHost: infra@bastion:2200
                      useSshConfig: false
                """).hosts().get(0);

        assertThat(host.ssh()).isEqualTo(new SshSettings("postgres", 2222,
                List.of(Path.of(HOME, ".ssh/id_ed25519"), Path.of("/etc/keys/infra")), Optional.of("INFRA_KEY_PASSPHRASE"),
                Path.of("build/known_hosts"), HostKeyChecking.ACCEPT_NEW, Duration.ofMillis(1500),
                Optional.of("infra@bastion:2200"), false));
        assertThat(host.properties().get("ssh")).isEqualTo(Map.of("user", "postgres", "port", 2222,
                "identityFile", List.of("~/.ssh/id_ed25519", "/etc/keys/infra"), "passphraseEnv", "INFRA_KEY_PASSPHRASE",
                "knownHosts", "build/known_hosts", "hostKeyChecking", "accept-new", "connectTimeout", "1500ms",
                "jumpHost", "infra@bastion:2200", "useSshConfig", false));
    }

    @Test
    void hostKeyCheckingOffAndTheOtherTopLevelKeys() {
        HostDefinition host = parse("""
                ssh: { hostKeyChecking: "off" }
                sudo: true
                transport: local
                commandTimeout: PT2M
                hosts:
                  ci: {}
                """).hosts().get(0);

        assertThat(host.ssh().hostKeyChecking()).isEqualTo(HostKeyChecking.OFF);
        assertThat(host.sudo()).isTrue();
        assertThat(host.isLocal()).isTrue();
        assertThat(host.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void textKeysKeepWhatWasWrittenWhereYamlWouldReadANumber() {
        HostDefinition host = parse("""
                hosts:
                  db-1:
                    address: 10.0.1.11
                    aws: { accountId: 012345678901, instanceId: i-0abc }
                    ssh: { user: 1000 }
                """).hosts().get(0);

        assertThat(host.properties().get("aws")).isEqualTo(Map.of("accountId", "012345678901", "instanceId", "i-0abc"));
        assertThat(host.ssh().user()).isEqualTo("1000");
    }

    @Test
    void freeFormPropertiesKeepTheirYamlTypes() {
        HostDefinition host = parse("""
                hosts:
                  db-1:
                    properties:
                      rack: r12
                      cores: 16
                      ratio: 0.75
                      primary: true
                      disks: [sda, sdb]
                      location: { dc: fra1, row: 4 }
                      retired: ~
                """).hosts().get(0);

        assertThat(host.properties().get("properties")).isEqualTo(Map.of("rack", "r12", "cores", 16, "ratio", 0.75,
                "primary", true, "disks", List.of("sda", "sdb"), "location", Map.of("dc", "fra1", "row", 4)));
    }

    @Test
    void anEnvironmentParsedWithoutAFileIsNamedByItsName() {
        EnvironmentDefinition environment = loader.parse("hosts: { a: {} }", "inline", Optional.empty());

        assertThat(environment.name()).isEqualTo("inline");
        assertThat(environment.source()).isEmpty();
    }

    @Test
    void backupMayBeAListOfPolicies() {
        HostDefinition host = parse("""
                hosts:
                  db-1:
                    backup:
                      - { files: /var/backups/*.dump, maxAge: 24h, minSize: 1MB }
                      - { rds: db-1-prod, maxAge: 2d }
                      - { ebs: true, maxAge: PT36H }
                      - { s3: "s3://acme/db-1/{yyyy}/{MM}/", maxAge: 26h, timeZone: UTC }
                """).hosts().get(0);

        assertThat(host.properties().get("backup")).isEqualTo(List.of(
                Map.of("files", "/var/backups/*.dump", "maxAge", "24h", "minSize", "1MB"),
                Map.of("rds", "db-1-prod", "maxAge", "2d"),
                Map.of("ebs", true, "maxAge", "PT36H"),
                Map.of("s3", "s3://acme/db-1/{yyyy}/{MM}/", "maxAge", "26h", "timeZone", "UTC")));
    }

    @Test
    void aRoleListedTwiceCountsOnce() {
        HostDefinition host = parse("""
                roles: { web: {} }
                hosts:
                  web-1: { roles: [web, web] }
                """).hosts().get(0);

        assertThat(host.roles()).containsExactly("web");
    }

    @Test
    void aSingleRoleMayBeWrittenWithoutAList() {
        HostDefinition host = parse("""
                roles: { web: {} }
                hosts:
                  web-1: { roles: web }
                """).hosts().get(0);

        assertThat(host.roles()).containsExactly("web");
    }

    @Test
    void mergeKeysCopyAnAnchoredMapAndTheHostsOwnKeysWin() {
        EnvironmentDefinition environment = parse("""
                hosts:
                  db-1: &db { sudo: true, commandTimeout: 2m }
                  db-2: { <<: *db, commandTimeout: 5m }
                """);

        assertThat(environment.hosts()).extracting(HostDefinition::sudo).containsExactly(true, true);
        assertThat(environment.hosts()).extracting(HostDefinition::commandTimeout)
                .containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    @Test
    void anchorsAndAliasesAreResolved() {
        EnvironmentDefinition environment = parse("""
                hosts:
                  db-1: &db { roles: [], properties: { tier: gold } }
                  db-2: *db
                """);

        assertThat(environment.hosts()).extracting(h -> h.properties().get("properties"))
                .containsExactly(Map.of("tier", "gold"), Map.of("tier", "gold"));
    }
}

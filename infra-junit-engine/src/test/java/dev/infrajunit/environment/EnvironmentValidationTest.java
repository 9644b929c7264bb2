package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class EnvironmentValidationTest {

    private static final String HOST_KEYS = "address, roles, ssh, commandTimeout, aws, sudo, transport, backup, properties";
    private static final String TOP_KEYS = "ssh, commandTimeout, aws, sudo, roles, hosts, hostSources, waivers, transport, backup,"
            + " properties";
    private static final String SSH_KEYS = "user, port, identityFile, passphraseEnv, knownHosts, hostKeyChecking,"
            + " connectTimeout, jumpHost, useSshConfig, configFile";
    private static final String FORMS = "30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H";

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml) {
        return assertThatThrownBy(() -> loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml"))))
                .isInstanceOf(EnvironmentException.class);
    }

    @Test
    void anUnknownHostKeySuggestsTheClosestOne() {
        assertProblem("""
                hosts:
                  db-1:
                    adress: 10.0.1.11
                """)
                .hasMessage("staging.yaml:3: unknown key 'adress' under hosts.db-1; did you mean 'address'? Known keys: "
                        + HOST_KEYS)
                .extracting("source", "line", "key").containsExactly("staging.yaml", 3, "hosts.db-1.adress");
    }

    @Test
    void anUnknownKeyWithNothingCloseListsTheKnownKeys() {
        assertProblem("""
                hosts:
                  db-1:
                    ssh:
                      cipher: aes
                """)
                .hasMessage("staging.yaml:4: unknown key 'cipher' under hosts.db-1.ssh; known keys: " + SSH_KEYS);
    }

    @Test
    void anUnknownTopLevelKey() {
        assertProblem("""
                host:
                  db-1: {}
                """)
                .hasMessage("staging.yaml:1: unknown key 'host' at the top level; did you mean 'hosts'? Known keys: "
                        + TOP_KEYS);
    }

    @Test
    void aKeyWrittenInTheWrongCaseIsSuggestedInTheRightOne() {
        assertProblem("""
                hosts:
                  db-1: { ssh: { hostkeychecking: strict } }
                """)
                .hasMessage("staging.yaml:2: unknown key 'hostkeychecking' under hosts.db-1.ssh; did you mean"
                        + " 'hostKeyChecking'? Known keys: " + SSH_KEYS);
    }

    @Test
    void anSshKeyOutsideSshSuggestsWhereItBelongs() {
        assertProblem("""
                hosts:
                  db-1:
                    identityFile: ~/.ssh/id_ed25519
                """)
                .hasMessage("staging.yaml:3: unknown key 'identityFile' under hosts.db-1; did you mean"
                        + " 'ssh.identityFile'? Known keys: " + HOST_KEYS);
    }

    @Test
    void anUnknownKeyInARoleAndAnAwsKey() {
        assertProblem("""
                roles:
                  database:
                    aws: { regoin: eu-west-1 }
                hosts:
                  db-1: {}
                """)
                .hasMessage("staging.yaml:3: unknown key 'regoin' under roles.database.aws; did you mean 'region'?"
                        + " Known keys: region, profile, endpoint, instanceId, dbInstanceId, dbClusterId, volumeId, accountId");
    }

    @Test
    void rolesDoNotTakeHostKeys() {
        assertProblem("""
                roles:
                  database:
                    address: 10.0.0.1
                hosts:
                  db-1: {}
                """)
                .hasMessage("staging.yaml:3: unknown key 'address' under roles.database; known keys: ssh,"
                        + " commandTimeout, aws, sudo, transport, backup, properties");
    }

    @Test
    void anUndefinedRoleNamesTheDefinedOnes() {
        assertProblem("""
                roles:
                  database: {}
                  web: {}
                hosts:
                  db-1:
                    roles:
                      - web
                      - databse
                """)
                .hasMessage("staging.yaml:8: hosts.db-1.roles[1]: undefined role 'databse'; did you mean 'database'?"
                        + " Defined roles: database, web")
                .extracting("line", "key").containsExactly(8, "hosts.db-1.roles[1]");
    }

    @Test
    void anUndefinedRoleWithNothingClose() {
        assertProblem("""
                roles: { web: {} }
                hosts:
                  db-1: { roles: [cache] }
                """)
                .hasMessage("staging.yaml:3: hosts.db-1.roles[0]: undefined role 'cache'; defined roles: web");
    }

    @Test
    void anUndefinedRoleWhenNoRolesAreDefined() {
        assertProblem("""
                hosts:
                  db-1: { roles: database }
                """)
                .hasMessage("staging.yaml:2: hosts.db-1.roles: undefined role 'database'; no roles are defined;"
                        + " define them under 'roles:' at the top level");
    }

    @Test
    void anEmptyFileDeclaresNoHosts() {
        assertProblem("# nothing yet\n")
                .hasMessage("staging.yaml: declares no hosts; list them under 'hosts:', for example"
                        + " hosts: { web-1: { address: 10.0.0.5 } }")
                .extracting("line", "key").containsExactly(0, "");
    }

    @Test
    void aFileWithoutHostsDeclaresNoHosts() {
        assertProblem("""
                ssh: { user: infra }
                """)
                .hasMessage("staging.yaml: declares no hosts; list them under 'hosts:', for example"
                        + " hosts: { web-1: { address: 10.0.0.5 } }");
    }

    @Test
    void anEmptyHostsMapDeclaresNoHosts() {
        assertProblem("""
                ssh: { user: infra }
                hosts: {}
                """)
                .hasMessage("staging.yaml:2: declares no hosts; list them under 'hosts:', for example"
                        + " hosts: { web-1: { address: 10.0.0.5 } }");
        assertProblem("""
                hosts:
                """)
                .hasMessage("staging.yaml:1: declares no hosts; list them under 'hosts:', for example"
                        + " hosts: { web-1: { address: 10.0.0.5 } }");
    }

    @Test
    void hostsMustBeAMap() {
        assertProblem("""
                hosts:
                  - db-1
                  - db-2
                """)
                .hasMessage("staging.yaml:2: hosts: expected a map of host names to their keys, found a list");
    }

    @Test
    void aFileThatIsNotAMap() {
        assertProblem("""
                - db-1
                """)
                .hasMessage("staging.yaml:1: an environment file is a map with a 'hosts:' key, but this one is a list");
    }

    @Test
    void anInvalidHostName() {
        assertProblem("""
                hosts:
                  db 1: {}
                """)
                .hasMessage("staging.yaml:2: 'db 1' is not a valid host name; use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit")
                .extracting("key").isEqualTo("hosts.db 1");
        assertProblem("""
                hosts:
                  "*": {}
                """)
                .hasMessage("staging.yaml:2: '*' is not a valid host name; use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit");
    }

    @Test
    void anInvalidRoleName() {
        assertProblem("""
                roles:
                  "role:db": {}
                hosts:
                  db-1: {}
                """)
                .hasMessage("staging.yaml:2: 'role:db' is not a valid role name; use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit");
    }

    @Test
    void aHostWrittenAsJustAnAddressShowsTheMapForm() {
        assertProblem("""
                hosts:
                  db-1: 10.0.1.11
                """)
                .hasMessage("staging.yaml:2: hosts.db-1: expected a map of host keys such as"
                        + " db-1: { address: 10.0.1.11 }, found '10.0.1.11'");
    }

    @Test
    void aRoleThatIsNotAMap() {
        assertProblem("""
                roles:
                  web: [a]
                hosts:
                  web-1: {}
                """)
                .hasMessage("staging.yaml:2: roles.web: expected a map of role keys, found a list");
    }

    @Test
    void aBadDurationNamesTheFullKeyPath() {
        assertProblem("""
                hosts:
                  db-3:
                    backup:
                      - { files: /var/backups/*.dump, maxAge: 24h }
                      - s3: s3://acme/db-3/
                        maxAge: 26 hours
                """)
                .hasMessage("staging.yaml:6: hosts.db-3.backup[1].maxAge: '26 hours' is not a duration;"
                        + " write it like " + FORMS)
                .extracting("key").isEqualTo("hosts.db-3.backup[1].maxAge");
        assertProblem("""
                commandTimeout: 30
                hosts:
                  a: {}
                """)
                .hasMessage("staging.yaml:1: commandTimeout: '30' is not a duration; write it like " + FORMS);
    }

    @Test
    void backupMustBeAMapOrAListOfMaps() {
        assertProblem("""
                hosts:
                  db-1: { backup: /var/backups }
                """)
                .hasMessage("staging.yaml:2: hosts.db-1.backup: expected a backup policy such as"
                        + " { files: /var/backups/*.dump, maxAge: 24h } or a list of them, found '/var/backups'");
        assertProblem("""
                hosts:
                  db-1:
                    backup:
                      - { files: /var/backups/*.dump, maxAge: 24h }
                      - /var/backups
                """)
                .hasMessage("staging.yaml:5: hosts.db-1.backup[1]: expected a backup policy such as"
                        + " { files: /var/backups/*.dump, maxAge: 24h } or a list of them, found '/var/backups'");
    }

    @Test
    void portsMustBeNumbersInRange() {
        assertProblem("""
                hosts:
                  a: { ssh: { port: 70000 } }
                """)
                .hasMessage("staging.yaml:2: hosts.a.ssh.port: '70000' is not a port number; use 1 to 65535");
        assertProblem("""
                hosts:
                  a: { ssh: { port: ssh } }
                """)
                .hasMessage("staging.yaml:2: hosts.a.ssh.port: 'ssh' is not a port number; use 1 to 65535");
    }

    @Test
    void enumeratedValues() {
        assertProblem("""
                ssh: { hostKeyChecking: yes }
                hosts:
                  a: {}
                """)
                .hasMessage("staging.yaml:1: ssh.hostKeyChecking: 'yes' is not one of strict, accept-new, off");
        assertProblem("""
                hosts:
                  a: { transport: winrm }
                """)
                .hasMessage("staging.yaml:2: hosts.a.transport: 'winrm' is not one of ssh, local, none");
    }

    @Test
    void booleans() {
        assertProblem("""
                hosts:
                  a: { ssh: { useSshConfig: maybe } }
                """)
                .hasMessage("staging.yaml:2: hosts.a.ssh.useSshConfig: 'maybe' is not true or false");
    }

    @Test
    void aMapWhereAValueBelongsAndTheOtherWayRound() {
        assertProblem("""
                hosts:
                  a:
                    address:
                      ip: 10.0.0.1
                """)
                .hasMessage("staging.yaml:4: hosts.a.address: expected a text value, found a map");
        assertProblem("""
                hosts:
                  a: { ssh: infra }
                """)
                .hasMessage("staging.yaml:2: hosts.a.ssh: expected a map, with keys such as user, port, identityFile,"
                        + " found 'infra'");
        assertProblem("""
                hosts:
                  a: { properties: [x] }
                """)
                .hasMessage("staging.yaml:2: hosts.a.properties: expected a map, found a list");
        assertProblem("""
                hosts:
                  a: { roles: [[web]] }
                """)
                .hasMessage("staging.yaml:2: hosts.a.roles[0]: expected a role name, found a list");
        assertProblem("""
                hosts:
                  a: { ssh: { identityFile: [~/.ssh/a, ~] } }
                """)
                .hasMessage("staging.yaml:2: hosts.a.ssh.identityFile[1]: expected a file path, found nothing");
    }

    @Test
    void aRoleNameThatIsNotAName() {
        assertProblem("""
                roles: { web: {} }
                hosts:
                  a: { roles: ["role:web"] }
                """)
                .hasMessage("staging.yaml:3: hosts.a.roles[0]: 'role:web' is not a role name; use letters, digits,"
                        + " '.', '_' and '-', starting with a letter or digit");
    }

    @Test
    void theFirstProblemInTheFileIsReported() {
        assertProblem("""
                ssh: { prot: 22 }
                roles:
                  web: { sudo: maybe }
                hosts:
                  a: { adress: x }
                """)
                .hasMessage("staging.yaml:1: unknown key 'prot' under ssh; did you mean 'port'? Known keys: " + SSH_KEYS);
    }

    @Test
    void aProblemInAnUnusedRoleIsStillReported() {
        assertProblem("""
                roles:
                  web: { sudo: maybe }
                hosts:
                  a: {}
                """)
                .hasMessage("staging.yaml:2: roles.web.sudo: 'maybe' is not true or false");
    }

    @Test
    void withoutAFileMessagesNameTheEnvironment() {
        assertThatThrownBy(() -> loader.parse("hosts: { a: { sudo: maybe } }", "inline", Optional.empty()))
                .hasMessage("inline:1: hosts.a.sudo: 'maybe' is not true or false")
                .extracting("source").isEqualTo("inline");
    }
}

package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static final String SECRET = "s3cr3t-Pa55";
    private static final String PROPERTY = "infrajunit.test.rack";

    private final Map<String, String> variables = Map.of(
            "DEPLOY_USER", "deploy",
            "SSH_PORT", "22022",
            "EMPTY", "",
            "DB_PASSWORD", SECRET);
    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), variables::get);

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private EnvironmentDefinition parse(String yaml) {
        return loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml")));
    }

    private Object property(String yaml, String key) {
        return parse(yaml).hosts().get(0).properties().get(key);
    }

    @Test
    void resolvesEnvironmentVariablesSystemPropertiesAndTheHostName() {
        System.setProperty(PROPERTY, "r12");
        HostDefinition host = parse("""
                ssh: { user: "${env:DEPLOY_USER}", port: "${env:SSH_PORT}" }
                hosts:
                  db-1:
                    address: ${host}.internal.example
                    properties:
                      rack: ${sys:infrajunit.test.rack}
                      label: "${host} in ${sys:infrajunit.test.rack}, by ${env:DEPLOY_USER}"
                      paths: ["/backups/${host}"]
                """).hosts().get(0);

        assertThat(host.ssh().user()).isEqualTo("deploy");
        assertThat(host.ssh().port()).isEqualTo(22022);
        assertThat(host.address()).isEqualTo("db-1.internal.example");
        assertThat(host.properties().get("properties")).isEqualTo(Map.of("rack", "r12",
                "label", "db-1 in r12, by deploy", "paths", List.of("/backups/db-1")));
        assertThat(host.properties().get("ssh")).isEqualTo(Map.of("user", "deploy", "port", 22022));
    }

    @Test
    void aDefaultAppliesWhenTheVariableIsUnsetOrEmpty() {
        Object properties = property("""
                hosts:
                  a:
                    properties:
                      unset: ${env:NOT_SET:-fallback}
                      empty: ${env:EMPTY:-fallback}
                      emptyDefault: "[${env:NOT_SET:-}]"
                      set: ${env:DEPLOY_USER:-fallback}
                      property: ${sys:infrajunit.test.not.set:-none}
                      emptyWithoutDefault: "[${env:EMPTY}]"
                """, "properties");

        assertThat(properties).isEqualTo(Map.of("unset", "fallback", "empty", "fallback", "emptyDefault", "[]",
                "set", "deploy", "property", "none", "emptyWithoutDefault", "[]"));
    }

    @Test
    void doubleDollarBraceIsALiteralDollarBrace() {
        Object properties = property("""
                hosts:
                  a:
                    properties:
                      template: "$${host} is ${host}"
                      price: "$5 and $$5"
                """, "properties");

        assertThat(properties).isEqualTo(Map.of("template", "${host} is a", "price", "$5 and $$5"));
    }

    @Test
    void topLevelSettingsResolveVariablesButKeepHostForEachHost() {
        EnvironmentDefinition environment = parse("""
                properties:
                  owner: ${env:DEPLOY_USER}
                  dumps: /backups/${host}.dump
                hosts:
                  db-1: {}
                """);

        assertThat(environment.settings().get("properties"))
                .isEqualTo(Map.of("owner", "deploy", "dumps", "/backups/${host}.dump"));
        assertThat(environment.hosts().get(0).properties().get("properties"))
                .isEqualTo(Map.of("owner", "deploy", "dumps", "/backups/db-1.dump"));
    }

    @Test
    void aMissingVariableNamesTheVariableTheKeyAndTheLine() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  db-1:
                    ssh:
                      user: ${env:SSH_USER}
                """))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("staging.yaml:4: hosts.db-1.ssh.user: environment variable SSH_USER is not set; set it,"
                        + " or give a default: ${env:SSH_USER:-value}")
                .extracting("source", "line", "key").containsExactly("staging.yaml", 4, "hosts.db-1.ssh.user");
    }

    @Test
    void aMissingVariableInARoleIsFoundEvenWhenNoHostUsesTheRole() {
        assertThatThrownBy(() -> parse("""
                roles:
                  unused: { aws: { profile: "${env:AWS_PROFILE}" } }
                hosts:
                  a: {}
                """))
                .hasMessage("staging.yaml:2: roles.unused.aws.profile: environment variable AWS_PROFILE is not set;"
                        + " set it, or give a default: ${env:AWS_PROFILE:-value}");
    }

    @Test
    void aMissingSystemPropertyIsAnError() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  a: { address: "${sys:infrajunit.test.rack}" }
                """))
                .hasMessage("staging.yaml:2: hosts.a.address: system property infrajunit.test.rack is not set;"
                        + " pass -Dinfrajunit.test.rack=..., or give a default: ${sys:infrajunit.test.rack:-value}");
    }

    @Test
    void anUnknownReferenceIsAnError() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  a: { address: "${hostname}" }
                """))
                .hasMessage("staging.yaml:2: hosts.a.address: unknown reference '${hostname}'; use ${env:NAME},"
                        + " ${env:NAME:-default}, ${sys:NAME} or ${host}, or write $${ for a literal ${");
    }

    @Test
    void anUnclosedReferenceIsAnError() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  a:
                    properties: { x: "/backups/${host" }
                """))
                .hasMessage("staging.yaml:3: hosts.a.properties.x: '/backups/${host' has a '${' that is never closed"
                        + " with '}'; write $${ for a literal ${");
    }

    @Test
    void aNestedReferenceIsAnError() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  a: { address: "${env:A:-${env:B}}" }
                """))
                .hasMessage("staging.yaml:2: hosts.a.address: '${env:A:-${env:B}}' nests one reference in another,"
                        + " which is not supported; a default is plain text: ${env:NAME:-text}");
    }

    @Test
    void aReferenceWithoutAVariableNameIsAnError() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  a: { address: "${env:}" }
                """))
                .hasMessage("staging.yaml:2: hosts.a.address: '${env:}' does not name a variable; write ${env:NAME}"
                        + " or ${env:NAME:-default}");
    }

    @Test
    void aValueFromAnEnvironmentVariableNeverAppearsInAMessage() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  db-1:
                    ssh: { port: "${env:DB_PASSWORD}" }
                """))
                .hasMessage("staging.yaml:3: hosts.db-1.ssh.port: '${env:DB_PASSWORD}' (its value is not shown)"
                        + " is not a port number; use 1 to 65535")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> parse("""
                roles:
                  db:
                    commandTimeout: "${env:DB_PASSWORD}"
                hosts:
                  db-1: { roles: [db] }
                """))
                .hasMessage("staging.yaml:3: roles.db.commandTimeout: '${env:DB_PASSWORD}' (its value is not shown)"
                        + " is not a duration; write it like 30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H");
        assertThatThrownBy(() -> parse("""
                hosts:
                  db-1: { transport: "${env:DB_PASSWORD}-${host}" }
                """))
                .message().doesNotContain(SECRET).contains("(its value is not shown)");
    }

    @Test
    void aValueResolvedWithoutEnvironmentVariablesIsShownBothWays() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  db-1: { sudo: "${env:NOT_SET:-yes}" }
                """))
                .hasMessage("staging.yaml:2: hosts.db-1.sudo: '${env:NOT_SET:-yes}' (= 'yes') is not true or false");
    }

    @Test
    void aPassphraseWrittenWhereItsVariableNameBelongsIsNotEchoed() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  db-1: { ssh: { passphraseEnv: "hunter2!" } }
                """))
                .hasMessage("staging.yaml:2: hosts.db-1.ssh.passphraseEnv: this is not the name of an environment"
                        + " variable (letters, digits and '_'); give the variable's name here, never the secret itself")
                .message().doesNotContain("hunter2");
    }

    /** HostDefinition shows only what identifies a host; the environment's own settings may hold secrets too. */
    @Test
    void aValueFromAnEnvironmentVariableNeverAppearsInToString() {
        EnvironmentDefinition environment = parse("""
                properties: { dbPassword: "${env:DB_PASSWORD}" }
                hosts:
                  db-1: { properties: { dbPassword: "${env:DB_PASSWORD}" } }
                """);

        assertThat(environment.settings()).isEqualTo(Map.of("properties", Map.of("dbPassword", SECRET)));
        assertThat(environment.toString()).doesNotContain(SECRET)
                .isEqualTo("EnvironmentDefinition[staging from staging.yaml, hosts [db-1]]");
        assertThat(environment.hosts().get(0).toString()).doesNotContain(SECRET);
    }
}

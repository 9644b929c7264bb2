package dev.infrajunit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentException;
import dev.infrajunit.environment.EnvironmentLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * The keys of the AWS plug-in's host source and backup kinds are checked where the environment file
 * writes them, with the file, line and closest key, as the engine checks its own: the engine learns
 * them from the plug-in on the class path.
 */
class PlugInKeysTest {

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private EnvironmentDefinition load(String yaml) {
        return loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml")));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml) {
        return assertThatThrownBy(() -> load(yaml)).isInstanceOf(EnvironmentException.class);
    }

    @Test
    void ec2EntriesAreCheckedBeforeAnyoneIsAsked() {
        assertProblem("hostSources:\n  - ec2:\n      region: eu-west-1\n")
                .hasMessage("staging.yaml:2: hostSources[0].ec2: give the tags of the instances to find, such as"
                        + " ec2: { tags: { env: staging } }");
        assertProblem("hostSources:\n  - ec2:\n")
                .hasMessage("staging.yaml:2: hostSources[0].ec2: give the tags of the instances to find, such as"
                        + " ec2: { tags: { env: staging } }");
        assertProblem("hostSources:\n  - ec2: { tags: {} }\n")
                .hasMessage("staging.yaml:2: hostSources[0].ec2.tags: expected the tags to match, such as"
                        + " { env: staging, tier: web }, found no tags");
        assertProblem("hostSources:\n  - ec2:\n      tags: { env: staging }\n      address: publicIP\n")
                .hasMessage("staging.yaml:4: hostSources[0].ec2.address: 'publicIP' is not one of privateIp, publicIp,"
                        + " privateDns");
        assertProblem("hostSources:\n  - ec2:\n      tags: { env: staging }\n      nametag: Name\n")
                .hasMessage("staging.yaml:4: unknown key 'nametag' under hostSources[0].ec2; did you mean 'nameTag'?"
                        + " Known keys: tags, region, roles, nameTag, address");
        assertProblem("roles: { web: {} }\nhostSources:\n  - ec2:\n      tags: { env: staging }\n      roles: [db]\n")
                .hasMessage("staging.yaml:5: hostSources[0].ec2.roles[0]: undefined role 'db'; did you mean 'web'?"
                        + " Defined roles: web");
    }

    @Test
    void theKindsOfHostSourcesAreThoseOnTheClassPath() {
        assertProblem("hostSources:\n  - sshconfig: ~/.ssh/config\n")
                .hasMessage("staging.yaml:2: hostSources[0]: a host source starts with its kind, but this one has"
                        + " 'sshconfig'; did you mean 'sshConfig'? Kinds: ansible, ebs, ec2, rds, sshConfig");
        assertProblem("hostSources:\n  - sshConfig: ~/.ssh/config\n    ec2: { tags: { env: staging } }\n")
                .hasMessage("staging.yaml:2: hostSources[0]: one host source per entry, but this one has both"
                        + " sshConfig and ec2; start each with its own '-'");
    }

    @Test
    void aMistypedBackupPolicyKeyIsReportedWithItsLine() {
        assertProblem("""
                hosts:
                  db-1:
                    backup:
                      - { files: /var/backups/*.dump, maxAge: 24h }
                      - { rds: db-1-prod, maxage: 2d }
                """)
                .hasMessage("staging.yaml:5: unknown key 'maxage' under hosts.db-1.backup[1]; did you mean 'maxAge'?"
                        + " Known keys: rds, maxAge, minSize");
        assertProblem("""
                hosts:
                  db-1:
                    backup: { s3: "s3://acme/db-1/", maxAge: 26h, timezone: UTC }
                """)
                .hasMessage("staging.yaml:3: unknown key 'timezone' under hosts.db-1.backup; did you mean 'timeZone'?"
                        + " Known keys: s3, timeZone, maxAge, minSize");
    }

    @Test
    void backupPoliciesOfThePlugInsKindsKeepTheirValues() {
        EnvironmentDefinition environment = load("""
                hosts:
                  db-1:
                    backup:
                      - { ebs: true, maxAge: 36h }
                      - { s3: "s3://acme/db-1/{yyyy}/", maxAge: 26h, timeZone: UTC }
                      - { awsBackup: "arn:aws:rds:eu-west-1:123456789012:db:db-1", maxAge: 7d, minSize: 1MB }
                """);

        assertThat(environment.hosts().get(0).properties().get("backup")).isEqualTo(List.of(
                Map.of("ebs", true, "maxAge", "36h"),
                Map.of("s3", "s3://acme/db-1/{yyyy}/", "maxAge", "26h", "timeZone", "UTC"),
                Map.of("awsBackup", "arn:aws:rds:eu-west-1:123456789012:db:db-1", "maxAge", "7d", "minSize", "1MB")));
    }
}

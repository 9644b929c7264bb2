package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostSources: - sshConfig: ...}: hosts from real OpenSSH client configuration files. */
class SshConfigHostSourceTest {

    private static final String CONFIG = """
            # lines before the first Host apply to every host
            ServerAliveInterval 30

            Host bastion
              HostName bastion.acme.example
              User ops

            Host web-1 web-2
              HostName %h.internal.acme.example

            Host web-* !web-test
              Port 2222

            Host *.acme.example ?db
              User admin

            Host db-1
              HostName 10.0.1.11

            Host web-1
              IdentityFile ~/.ssh/web
            """;

    @TempDir
    Path temp;

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private Path config(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private EnvironmentDefinition load(String yaml) {
        return loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml")));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml) {
        return assertThatThrownBy(() -> load(yaml)).isInstanceOf(EnvironmentException.class);
    }

    private static HostDefinition host(EnvironmentDefinition environment, String name) {
        return environment.hosts().stream().filter(host -> host.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyAliasThatNamesOneHostBecomesAHostReachedThroughTheSameFile() throws IOException {
        Path file = config("config", CONFIG);

        EnvironmentDefinition environment = load("""
                ssh: { knownHosts: /etc/infra/known_hosts }
                hostSources:
                  - sshConfig: %s
                """.formatted(file));

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("bastion", "web-1", "web-2", "db-1");
        HostDefinition web1 = host(environment, "web-1");
        assertThat(web1.address()).isEqualTo("web-1");
        assertThat(web1.transport()).isEqualTo("ssh");
        assertThat(web1.roles()).isEmpty();
        assertThat(web1.line()).isEqualTo(3);
        assertThat(web1.ssh().useSshConfig()).isTrue();
        assertThat(web1.ssh().configFile()).contains(file);
        assertThat(web1.ssh().knownHosts()).isEqualTo(Path.of("/etc/infra/known_hosts"));
        // user and port stay unset, so the transport takes them from the file, as ssh would
        assertThat(web1.ssh().user()).isEmpty();
        assertThat(web1.ssh().port()).isZero();
    }

    @Test
    void matchSelectsAliasesAndRolesAndDefaultsAreInherited() throws IOException {
        Path file = config("config", CONFIG);

        EnvironmentDefinition environment = load("""
                commandTimeout: 45s
                roles:
                  web: { sudo: true, properties: { tier: front } }
                  edge: {}
                hostSources:
                  - sshConfig: %s
                    match: web-*,!web-2
                    roles: [web, edge]
                """.formatted(file));

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("web-1");
        HostDefinition web1 = environment.hosts().get(0);
        assertThat(web1.roles()).containsExactly("web", "edge");
        assertThat(web1.sudo()).isTrue();
        assertThat(web1.commandTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(web1.properties()).containsEntry("properties", Map.of("tier", "front"));
    }

    @Test
    void aHostWrittenUnderHostsWinsOverADiscoveredOneOfTheSameName() throws IOException {
        Path file = config("config", CONFIG);

        EnvironmentDefinition environment = load("""
                roles: { web: {}, database: {} }
                hosts:
                  db-1: { address: 10.9.9.9, roles: [database], transport: local }
                hostSources:
                  - sshConfig: %s
                    roles: [web]
                """.formatted(file));

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("db-1", "bastion", "web-1", "web-2");
        HostDefinition db1 = environment.hosts().get(0);
        assertThat(db1.address()).isEqualTo("10.9.9.9");
        assertThat(db1.roles()).containsExactly("database");
        assertThat(db1.transport()).isEqualTo("local");
        assertThat(db1.ssh().configFile()).isEmpty();
        assertThat(db1.line()).isEqualTo(3);
    }

    @Test
    void aSourceThatYieldsNothingIsFine() throws IOException {
        Path file = config("config", "Host *\n  User ops\n");

        EnvironmentDefinition environment = load("""
                roles: { web: {} }
                hostSources:
                  - sshConfig: %s
                    roles: [web]
                """.formatted(file));

        assertThat(environment.hosts()).isEmpty();
    }

    @Test
    void withoutAPathTheSourceIsTheUsersOwnSshConfig() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), "Host build-1\n  HostName 10.0.9.1\n");
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            EnvironmentDefinition environment = load("hostSources:\n  - sshConfig:\n");

            assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("build-1");
            assertThat(environment.hosts().get(0).ssh().configFile()).contains(home.resolve(".ssh/config"));
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    @Test
    void includedFilesAreReadWhereTheyAreIncludedAndTheirHostsUseTheIncludingFile() throws IOException {
        Path included = config("team.conf", "Host ci-1\n  HostName 10.0.5.1\n");
        config("conf.d/a.conf", "Host app-1 app-2\n");
        config("conf.d/b.conf", "Host app-3\n");
        config("conf.d/notes.txt", "Host not-included\n");
        Path file = config("config", "Include " + included + "\n\nHost bastion\n  HostName bastion.acme.example\n\n"
                + "Include " + temp.resolve("conf.d") + "/*.conf " + temp.resolve("missing.conf") + "\n");

        EnvironmentDefinition environment = load("hostSources:\n  - sshConfig: " + file + "\n");

        assertThat(environment.hosts()).extracting(HostDefinition::name)
                .containsExactly("ci-1", "bastion", "app-1", "app-2", "app-3");
        assertThat(host(environment, "ci-1").ssh().configFile()).contains(file);
    }

    @Test
    void aMissingFileIsReportedAtItsEntry() {
        Path missing = temp.resolve("nowhere/config");

        assertProblem("""
                hosts:
                  db-1: {}
                hostSources:
                  - sshConfig: %s
                """.formatted(missing))
                .hasMessage("staging.yaml:4: hostSources[0] (sshConfig): could not discover hosts: the SSH client"
                        + " configuration " + missing + " does not exist; correct the path in sshConfig, or leave it"
                        + " out for ~/.ssh/config")
                .extracting("line", "key").containsExactly(4, "hostSources[0]");
    }

    @Test
    void aFileThatCannotBeReadIsReportedAtItsEntry() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("config.d"));

        assertProblem("""
                hostSources:
                  - sshConfig: %s
                    roles: []
                """.formatted(directory))
                .hasMessage("staging.yaml:2: hostSources[0] (sshConfig): could not discover hosts: the SSH client"
                        + " configuration " + directory + " is a directory, not a file; correct the path in sshConfig,"
                        + " or leave it out for ~/.ssh/config");
    }

    @Test
    void aMatchSectionNamesNoHostAndTheOtherSectionsStillDo() throws IOException {
        Path file = config("config", "Host web-1\n  Port 22\n\nMatch host *.corp\n  User corp\n\nHost web-2\n");

        assertThat(load("hostSources:\n  - sshConfig: " + file + "\n").hosts())
                .extracting(HostDefinition::name).containsExactly("web-1", "web-2");
    }

    @Test
    void aPathWithTildeIsShownAsWrittenAndAsFound() {
        String home = System.getProperty("user.home");

        assertProblem("hostSources:\n  - sshConfig: ~/no-such-infra-config\n")
                .hasMessageContaining("the SSH client configuration ~/no-such-infra-config (" + home
                        + "/no-such-infra-config) does not exist");
    }

    @Test
    void rolesOfASourceMustBeDefinedEvenWhenItFindsNothing() throws IOException {
        Path file = config("config", "");

        assertProblem("""
                roles:
                  web: {}
                hostSources:
                  - sshConfig: %s
                    roles: [web, wbe]
                """.formatted(file))
                .hasMessage("staging.yaml:5: hostSources[0].roles[1]: undefined role 'wbe'; did you mean 'web'?"
                        + " Defined roles: web");
    }

    @Test
    void twoSourcesMayNotFindHostsOfTheSameName() throws IOException {
        Path first = config("first", "Host web-1\n");
        Path second = config("second", "Host web-1\n");

        assertProblem("hostSources:\n  - sshConfig: " + first + "\n  - sshConfig: " + second + "\n")
                .hasMessage("staging.yaml:3: hostSources[1]: two hosts would be named 'web-1': Host web-1 in " + first
                        + " (hostSources[0]) and Host web-1 in " + second + "; a host name is unique, so list the one"
                        + " you mean under hosts:, or narrow the sources");
    }

    @Test
    void anAliasThatCannotBeAHostNameIsReported() throws IOException {
        Path file = config("config", "Host web_1 _admin\n");

        assertProblem("hostSources:\n  - sshConfig: " + file + "\n")
                .hasMessage("staging.yaml:2: hostSources[0]: Host _admin in " + file + " would be the host '_admin',"
                        + " which is not a valid host name; " + Schema.NAME_RULE);
        assertThat(load("hostSources:\n  - sshConfig: " + file + "\n    match: web*\n").hosts())
                .extracting(HostDefinition::name).containsExactly("web_1");
    }

    @Test
    void hostsMayBeLeftOutOnlyWhenSourcesFindThem() throws IOException {
        Path file = config("config", "Host web-1\n");

        assertThat(load("hosts: {}\nhostSources:\n  - sshConfig: " + file + "\n").hosts()).hasSize(1);
        assertProblem("hostSources: []\n")
                .hasMessage("staging.yaml: declares no hosts; list them under 'hosts:', for example"
                        + " hosts: { web-1: { address: 10.0.0.5 } }");
    }

    @Test
    void entriesAreCheckedLikeTheRestOfTheFile() {
        assertProblem("hostSources:\n  ssh: ~/.ssh/config\n")
                .hasMessage("staging.yaml:2: hostSources: expected a list of host sources, such as"
                        + " - sshConfig: ~/.ssh/config or - ec2: { tags: { env: staging } }, found a map");
        assertProblem("hostSources:\n  - ~/.ssh/config\n")
                .hasMessage("staging.yaml:2: hostSources[0]: expected a host source such as { sshConfig: ~/.ssh/config }"
                        + " or { ec2: { tags: { env: staging } } }, found '~/.ssh/config'");
        assertProblem("hostSources:\n  - sshconfig: ~/.ssh/config\n")
                .hasMessage("staging.yaml:2: hostSources[0]: a host source starts with its kind, but this one has"
                        + " 'sshconfig'; did you mean 'sshConfig'? Kinds: ansible, sshConfig");
        assertProblem("hostSources:\n  - sshConfig: ~/.ssh/config\n    mach: web-*\n")
                .hasMessage("staging.yaml:3: unknown key 'mach' under hostSources[0]; did you mean 'match'?"
                        + " Known keys: sshConfig, match, roles")
                .extracting("key").isEqualTo("hostSources[0].mach");
        assertProblem("hostSources:\n  - sshConfig: ~/.ssh/config\n    match: role:web\n")
                .hasMessage("staging.yaml:3: hostSources[0].match: 'role:web' selects by more than the host name;"
                        + " match takes host-name globs such as web-*");
        assertProblem("hostSources:\n  - sshConfig: ~/.ssh/config\n    match: 'web-*&prop:properties.env=prod'\n")
                .hasMessage("staging.yaml:3: hostSources[0].match: 'web-*&prop:properties.env=prod' selects by more"
                        + " than the host name; match takes host-name globs such as web-*");
        assertProblem("hostSources:\n  - sshConfig: ~/.ssh/config\n    match: 'web-[1'\n")
                .hasMessageStartingWith("staging.yaml:3: hostSources[0].match: Term 'web-[1' in host selector 'web-[1'"
                        + " has a '[' without a set of characters");
    }

    @Test
    void aKindNoPlugInOnTheClassPathProvidesSaysSo() {
        // the engine's own tests run without infra-junit-aws, which discovers EC2 instances
        assertProblem("""
                hosts:
                  db-1: {}
                hostSources:
                  - ec2:
                      tags: { env: staging }
                """)
                .hasMessage("staging.yaml:4: hostSources[0]: a host source starts with its kind, but this one has 'ec2';"
                        + " the kinds on the class path are ansible, sshConfig. A kind of a plug-in needs the plug-in's jar on"
                        + " the class path of the project that runs the checks");
    }

    @Test
    void aDiscoveredHostsFileIsNotTheDefaultForOtherHosts() throws IOException {
        Path file = config("config", "Host web-1\n");

        EnvironmentDefinition environment = load("""
                hosts:
                  db-1: { ssh: { configFile: ~/infra/ssh_config } }
                hostSources:
                  - sshConfig: %s
                """.formatted(file));

        assertThat(environment.hosts()).extracting(host -> host.ssh().configFile())
                .containsExactly(Optional.of(Path.of(System.getProperty("user.home"), "infra/ssh_config")), Optional.of(file));
        assertThat(environment.settings()).isEmpty();
    }
}

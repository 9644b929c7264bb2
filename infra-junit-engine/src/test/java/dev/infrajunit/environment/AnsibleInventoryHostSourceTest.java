package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostSources: - ansible: ...}: hosts from real Ansible inventory files, INI and YAML. */
class AnsibleInventoryHostSourceTest {

    private static final String INI = """
            # ungrouped hosts come first
            bastion.acme.example ansible_user=ops

            [webservers]
            web-[01:03].acme.example
            web-canary ansible_host=10.0.1.40 ansible_port=2222   ; the one with its own port

            [dbservers]
            db-1 ansible_host=10.0.2.11
            db-2 ansible_host="10.0.2.12" ansible_user=postgres

            [webservers:vars]
            ansible_user=deploy
            ansible_port=22

            [production:children]
            webservers
            dbservers

            [production:vars]
            ansible_user=ansible
            """;

    private static final String YAML = """
            all:
              hosts:
                bastion.acme.example:
                  ansible_user: ops
              children:
                production:
                  vars:
                    ansible_user: ansible
                  children:
                    webservers:
                      hosts:
                        web-[a:b].acme.example:
                        web-canary:
                          ansible_host: 10.0.1.40
                          ansible_port: 2222
                      vars:
                        ansible_user: deploy
                    dbservers:
                      hosts:
                        db-1: { ansible_host: 10.0.2.11 }
            """;

    @TempDir
    Path temp;

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private Path file(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    private EnvironmentDefinition load(String yaml) throws IOException {
        return loader.load(file("staging.yaml", yaml).toString());
    }

    private static HostDefinition host(EnvironmentDefinition environment, String name) {
        return environment.hosts().stream().filter(host -> host.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anIniInventorysHostsGroupsAndVariablesBecomeHosts() throws IOException {
        file("hosts.ini", INI);
        EnvironmentDefinition environment = load("""
                roles:
                  dbservers: { sudo: true }
                hostSources:
                  - ansible: hosts.ini
                """);

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("bastion.acme.example",
                "web-01.acme.example", "web-02.acme.example", "web-03.acme.example", "web-canary", "db-1", "db-2");
        HostDefinition canary = host(environment, "web-canary");
        assertThat(canary.address()).isEqualTo("10.0.1.40");
        assertThat(canary.ssh().port()).isEqualTo(2222);
        assertThat(canary.ssh().user()).isEqualTo("deploy");
        assertThat(canary.roles()).containsExactly("production", "webservers");
        HostDefinition web2 = host(environment, "web-02.acme.example");
        assertThat(web2.address()).isEqualTo("web-02.acme.example");
        assertThat(web2.ssh().port()).isEqualTo(22);
        HostDefinition db2 = host(environment, "db-2");
        assertThat(db2.address()).isEqualTo("10.0.2.12");
        assertThat(db2.ssh().user()).as("a host's own variable wins").isEqualTo("postgres");
        assertThat(db2.sudo()).as("a group declared as a role gives its keys").isTrue();
        assertThat(host(environment, "db-1").ssh().user()).as("the parent group's variable").isEqualTo("ansible");
        assertThat(host(environment, "bastion.acme.example").roles()).isEmpty();
    }

    @Test
    void aYamlInventoryReadsTheSame() throws IOException {
        file("hosts.yml", YAML);
        EnvironmentDefinition environment = load("hostSources:\n  - ansible: hosts.yml\n    match: 'web-*'\n");

        assertThat(environment.hosts()).extracting(HostDefinition::name)
                .containsExactly("web-a.acme.example", "web-b.acme.example", "web-canary");
        HostDefinition canary = host(environment, "web-canary");
        assertThat(canary.address()).isEqualTo("10.0.1.40");
        assertThat(canary.ssh().port()).isEqualTo(2222);
        assertThat(canary.ssh().user()).as("the child group's variable wins over its parent's").isEqualTo("deploy");
        assertThat(canary.roles()).containsExactly("production", "webservers");
    }

    @Test
    void theEntrysRolesReplaceTheGroupsAndSelectorsSeeTheGroups() throws IOException {
        file("hosts.ini", INI);
        EnvironmentDefinition staging = load("""
                roles: { edge: {} }
                hostSources:
                  - ansible: hosts.ini
                    match: web-canary
                    roles: [edge]
                """);
        assertThat(host(staging, "web-canary").roles()).containsExactly("edge");

        EnvironmentDefinition production = load("hostSources:\n  - ansible: hosts.ini\n");
        assertThat(HostSelector.parse("role:dbservers").select(production.hosts())).extracting(HostDefinition::name)
                .containsExactly("db-1", "db-2");
    }

    @Test
    void aMalformedInventoryIsReportedWithItsLineAndTheEntrysLine() throws IOException {
        Path inventory = file("broken.ini", "[webservers]\nweb-1\n[webservers:vars\nansible_user=x\n");
        assertProblem("hosts: {}\nhostSources:\n  - ansible: broken.ini\n")
                .hasMessage(temp.resolve("staging.yaml") + ":3: hostSources[0] (ansible): could not discover hosts: " + inventory
                        + ":3: '[webservers:vars' is not a section; write [group], [group:vars] or [group:children]");
        Path vars = file("vars.ini", "[web:vars]\nansible_user\n");
        assertProblem("hosts: {}\nhostSources:\n  - ansible: vars.ini\n")
                .hasMessageEndingWith(vars + ":2: 'ansible_user' in [web:vars] is not a variable; write name=value");
        Path yaml = file("bad.yml", "all:\n  hosts:\n    web-1:\n  childs:\n    db: {}\n");
        assertProblem("hosts: {}\nhostSources:\n  - ansible: bad.yml\n")
                .hasMessageEndingWith(yaml + ":4: unknown key 'childs' in group all; a group has hosts, vars and children");
        assertProblem("hosts: {}\nhostSources:\n  - ansible: missing.ini\n")
                .hasMessageContaining("hostSources[0] (ansible): could not discover hosts: the Ansible inventory"
                        + " missing.ini (" + temp.resolve("missing.ini") + ") does not exist");
        assertProblem("hosts: {}\nhostSources:\n  - ansible: hosts.ini\n    mach: web-*\n")
                .hasMessageEndingWith(":4: unknown key 'mach' under hostSources[0]; did you mean 'match'? Known keys:"
                        + " ansible, match, roles");
    }

    @Test
    void hostRangesExpandAsAnsibleExpandsThem() {
        EnvironmentOrigin origin = new EnvironmentOrigin("hosts.ini", Optional.empty());
        assertThat(AnsibleInventory.expand("db-[08:10]", origin, 1)).containsExactly("db-08", "db-09", "db-10");
        assertThat(AnsibleInventory.expand("r[1:2]-[a:b]", origin, 1)).containsExactly("r1-a", "r1-b", "r2-a", "r2-b");
        assertThatThrownBy(() -> AnsibleInventory.expand("db-[9:1]", origin, 7))
                .hasMessage("hosts.ini:7: host range [9:1] is empty or longer than 10000 hosts");
        assertThat(List.of(AnsibleInventory.expand("plain", origin, 1))).hasSize(1);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml) {
        return assertThatThrownBy(() -> load(yaml)).isInstanceOf(EnvironmentException.class);
    }
}

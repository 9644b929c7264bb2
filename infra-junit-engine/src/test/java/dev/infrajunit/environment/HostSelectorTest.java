package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostSelectorTest {

    private static final List<HostDefinition> HOSTS = List.of(
            host("db-1", "database"),
            host("db-2", "database", "backup"),
            host("db-10", "database"),
            host("web-1", "web"),
            host("web-2", "web", "backup"),
            host("bastion"));

    private static HostDefinition host(String name, String... roles) {
        SshSettings ssh = new SshSettings("", 0, List.of(), Optional.empty(), Path.of("known_hosts"),
                HostKeyChecking.STRICT, Duration.ofSeconds(10), Optional.empty(), true);
        return new HostDefinition(name, name, List.of(roles), "ssh", ssh, Duration.ofSeconds(30), false, Map.of(), 0);
    }

    private static List<String> select(String selector) {
        return HostSelector.parse(selector).select(HOSTS).stream().map(HostDefinition::name).toList();
    }

    @Test
    void aStarSelectsEveryHostInOrder() {
        assertThat(select("*")).containsExactly("db-1", "db-2", "db-10", "web-1", "web-2", "bastion");
    }

    @Test
    void anExactNameSelectsThatHostOnly() {
        assertThat(select("db-1")).containsExactly("db-1");
        assertThat(select("db")).isEmpty();
    }

    @Test
    void globs() {
        assertThat(select("db-*")).containsExactly("db-1", "db-2", "db-10");
        assertThat(select("db-?")).containsExactly("db-1", "db-2");
        assertThat(select("*-1")).containsExactly("db-1", "web-1");
        assertThat(select("*-1*")).containsExactly("db-1", "db-10", "web-1");
        assertThat(select("db-[12]")).containsExactly("db-1", "db-2");
        assertThat(select("db-[2-9]")).containsExactly("db-2");
        assertThat(select("[a-c]*")).containsExactly("bastion");
    }

    @Test
    void globCharactersThatAreRegexCharactersMatchLiterally() {
        List<HostDefinition> hosts = List.of(host("db.1"), host("dbx1"));

        assertThat(HostSelector.parse("db.1").select(hosts)).extracting(HostDefinition::name).containsExactly("db.1");
    }

    @Test
    void globsAreCaseSensitive() {
        assertThat(select("DB-*")).isEmpty();
    }

    @Test
    void roles() {
        assertThat(select("role:database")).containsExactly("db-1", "db-2", "db-10");
        assertThat(select("role:backup")).containsExactly("db-2", "web-2");
        assertThat(select("role:nothing")).isEmpty();
    }

    @Test
    void termsAddUp() {
        assertThat(select("role:web,bastion")).containsExactly("web-1", "web-2", "bastion");
        assertThat(select("db-1, db-1 ,role:database")).containsExactly("db-1", "db-2", "db-10");
    }

    @Test
    void exclusionsRemoveFromWhatTheOtherTermsSelect() {
        assertThat(select("role:database,!db-10")).containsExactly("db-1", "db-2");
        assertThat(select("*,!role:backup")).containsExactly("db-1", "db-10", "web-1", "bastion");
        assertThat(select("db-*,!role:backup,!db-1")).containsExactly("db-10");
        assertThat(select("! db-1, db-*")).containsExactly("db-2", "db-10");
    }

    @Test
    void onlyExclusionsStartFromEveryHost() {
        assertThat(select("!role:database")).containsExactly("web-1", "web-2", "bastion");
        assertThat(select("!web-*,!bastion")).containsExactly("db-1", "db-2", "db-10");
    }

    @Test
    void anExclusionWinsOverAnInclusionOfTheSameHost() {
        assertThat(select("db-1,!db-1")).isEmpty();
    }

    @Test
    void matchesByNameAndRoles() {
        HostSelector selector = HostSelector.parse("role:database,!db-3");

        assertThat(selector.matches("db-1", List.of("database"))).isTrue();
        assertThat(selector.matches("db-3", List.of("database"))).isFalse();
        assertThat(selector.matches("web-1", List.of("web"))).isFalse();
        assertThat(selector.matches(HOSTS.get(0))).isTrue();
    }

    @Test
    void showsAsWritten() {
        assertThat(HostSelector.parse("  role:database, !db-3 ")).hasToString("role:database, !db-3");
    }

    @Test
    void anEmptySelector() {
        assertThatThrownBy(() -> HostSelector.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Empty host selector; use '*' for every host, a glob such as 'db-*', or 'role:NAME'");
        assertThatThrownBy(() -> HostSelector.parse(null))
                .hasMessage("Empty host selector; use '*' for every host, a glob such as 'db-*', or 'role:NAME'");
    }

    @Test
    void anEmptyTerm() {
        assertThatThrownBy(() -> HostSelector.parse("db-1,,db-2"))
                .hasMessage("Empty term in host selector 'db-1,,db-2'; terms are separated by commas,"
                        + " e.g. 'role:database,!db-3'");
        assertThatThrownBy(() -> HostSelector.parse("db-1,!"))
                .hasMessage("Empty term in host selector 'db-1,!'; terms are separated by commas,"
                        + " e.g. 'role:database,!db-3'");
        assertThatThrownBy(() -> HostSelector.parse("db-1,"))
                .hasMessage("Empty term in host selector 'db-1,'; terms are separated by commas,"
                        + " e.g. 'role:database,!db-3'");
    }

    @Test
    void aRoleTermWithoutARole() {
        assertThatThrownBy(() -> HostSelector.parse("role:"))
                .hasMessage("Term 'role:' in host selector 'role:' names no role; write role:NAME");
        assertThatThrownBy(() -> HostSelector.parse("!role: "))
                .hasMessage("Term '!role:' in host selector '!role: ' names no role; write role:NAME");
    }

    @Test
    void aRoleTermWithAGlob() {
        assertThatThrownBy(() -> HostSelector.parse("role:data*"))
                .hasMessage("Term 'role:data*' in host selector 'role:data*' names no valid role: role names are"
                        + " letters, digits, '.', '_' and '-'; globs are for host names only");
    }

    @Test
    void aTermThatIsNeitherAGlobNorARole() {
        assertThatThrownBy(() -> HostSelector.parse("db-1,hosts/db 2"))
                .hasMessage("Term 'hosts/db 2' in host selector 'db-1,hosts/db 2' is neither a host-name glob"
                        + " nor role:NAME");
        assertThatThrownBy(() -> HostSelector.parse("tag:database"))
                .hasMessage("Term 'tag:database' in host selector 'tag:database' is neither a host-name glob"
                        + " nor role:NAME");
        assertThatThrownBy(() -> HostSelector.parse("!!db-1"))
                .hasMessage("Term '!!db-1' in host selector '!!db-1' is neither a host-name glob nor role:NAME");
    }

    @Test
    void malformedCharacterSets() {
        assertThatThrownBy(() -> HostSelector.parse("db-[12"))
                .hasMessage("Term 'db-[12' in host selector 'db-[12' has a '[' without a set of characters and"
                        + " a closing ']'; write e.g. db-[1-3]");
        assertThatThrownBy(() -> HostSelector.parse("db-[]"))
                .hasMessage("Term 'db-[]' in host selector 'db-[]' has a '[' without a set of characters and"
                        + " a closing ']'; write e.g. db-[1-3]");
        assertThatThrownBy(() -> HostSelector.parse("db-1]"))
                .hasMessage("Term 'db-1]' in host selector 'db-1]' has a ']' without a '['");
        assertThatThrownBy(() -> HostSelector.parse("db-[9-1]"))
                .hasMessage("Term 'db-[9-1]' in host selector 'db-[9-1]' has a set of characters that is not valid:"
                        + " Illegal character range");
    }
}

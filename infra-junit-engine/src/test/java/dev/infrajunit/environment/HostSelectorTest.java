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

    private static final List<HostDefinition> TAGGED = List.of(
            host("db-1", Map.of("properties", Map.of("env", "prod", "zones", List.of("a", "b"))), "database"),
            host("db-2", Map.of("properties", Map.of("env", "staging")), "database"),
            host("db-3", Map.of("properties", Map.of("env", "prod"), "aws", Map.of("region", "eu-west-1")),
                    "database", "backup"),
            host("web-1", Map.of("properties", Map.of("env", "prod", "replicas", 3)), "web"),
            host("bastion", Map.of()));

    private static HostDefinition host(String name, String... roles) {
        return host(name, Map.of(), roles);
    }

    private static HostDefinition host(String name, Map<String, Object> properties, String... roles) {
        SshSettings ssh = new SshSettings("", 0, List.of(), Optional.empty(), Path.of("known_hosts"),
                HostKeyChecking.STRICT, Duration.ofSeconds(10), Optional.empty(), true);
        return new HostDefinition(name, name, List.of(roles), "ssh", ssh, Duration.ofSeconds(30), false, properties, 0);
    }

    private static List<String> select(String selector) {
        return HostSelector.parse(selector).select(HOSTS).stream().map(HostDefinition::name).toList();
    }

    private static List<String> selectTagged(String selector) {
        return HostSelector.parse(selector).select(TAGGED).stream().map(HostDefinition::name).toList();
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
    void aPropertyByItsDottedPath() {
        assertThat(selectTagged("prop:properties.env=prod")).containsExactly("db-1", "db-3", "web-1");
        assertThat(selectTagged("prop:aws.region=eu-west-1")).containsExactly("db-3");
        assertThat(selectTagged("prop:properties.env=staging")).containsExactly("db-2");
        assertThat(selectTagged("prop:properties.env=Prod")).isEmpty();
    }

    @Test
    void aPropertyValueIsAGlobAndNumbersCompareAsWritten() {
        assertThat(selectTagged("prop:properties.env=st*")).containsExactly("db-2");
        assertThat(selectTagged("prop:properties.env=pro?")).containsExactly("db-1", "db-3", "web-1");
        assertThat(selectTagged("prop:properties.replicas=3")).containsExactly("web-1");
    }

    @Test
    void aListPropertyMatchesByAnyOfItsElements() {
        assertThat(selectTagged("prop:properties.zones=b")).containsExactly("db-1");
    }

    @Test
    void aMissingPropertyOrAMapMatchesNothing() {
        assertThat(selectTagged("prop:properties.rack=*")).isEmpty();
        assertThat(selectTagged("prop:properties=*")).isEmpty();
        assertThat(selectTagged("prop:properties.env.deeper=prod")).isEmpty();
    }

    @Test
    void conditionsJoinedByAnAmpersandMustAllHold() {
        assertThat(selectTagged("role:database&prop:properties.env=prod")).containsExactly("db-1", "db-3");
        assertThat(selectTagged("role:database & prop:properties.env=prod & db-[2-9]")).containsExactly("db-3");
        assertThat(selectTagged("role:database&role:web")).isEmpty();
    }

    @Test
    void intersectionsAddUpAndExcludeLikeAnyTerm() {
        assertThat(selectTagged("role:database&prop:properties.env=prod,bastion"))
                .containsExactly("db-1", "db-3", "bastion");
        assertThat(selectTagged("prop:properties.env=prod,!role:database&role:backup"))
                .containsExactly("db-1", "web-1");
        assertThat(selectTagged("!role:database&prop:properties.env=prod")).containsExactly("db-2", "web-1", "bastion");
    }

    @Test
    void matchesByNameRolesAndProperties() {
        HostSelector selector = HostSelector.parse("role:database&prop:properties.env=prod");

        assertThat(selector.matches("db-1", List.of("database"), Map.of("properties", Map.of("env", "prod")))).isTrue();
        assertThat(selector.matches("db-1", List.of("database"), Map.of())).isFalse();
        assertThat(selector.matches(TAGGED.get(2))).isTrue();
    }

    @Test
    void anEmptySideOfAnAmpersand() {
        assertThatThrownBy(() -> HostSelector.parse("role:database&"))
                .hasMessage("Term 'role:database&' in host selector 'role:database&' has an empty side of '&';"
                        + " write conditions that must all hold as role:database&prop:properties.env=prod");
        assertThatThrownBy(() -> HostSelector.parse("db-1,& role:web"))
                .hasMessage("Term '& role:web' in host selector 'db-1,& role:web' has an empty side of '&';"
                        + " write conditions that must all hold as role:database&prop:properties.env=prod");
    }

    @Test
    void aNegatedConditionInsideAnIntersection() {
        assertThatThrownBy(() -> HostSelector.parse("role:database&!db-3"))
                .hasMessage("Term 'role:database&!db-3' in host selector 'role:database&!db-3' negates a condition"
                        + " after '&'; exclude with a term of its own, e.g. 'role:database,!db-3'");
    }

    @Test
    void aPropertyTermWithoutAComparison() {
        String expected = " does not compare a property with a value; write prop:PATH=VALUE, e.g. prop:properties.env=prod";
        assertThatThrownBy(() -> HostSelector.parse("prop:properties.env"))
                .hasMessage("Term 'prop:properties.env' in host selector 'prop:properties.env'" + expected);
        assertThatThrownBy(() -> HostSelector.parse("prop:=prod"))
                .hasMessage("Term 'prop:=prod' in host selector 'prop:=prod'" + expected);
        assertThatThrownBy(() -> HostSelector.parse("prop:properties.env="))
                .hasMessage("Term 'prop:properties.env=' in host selector 'prop:properties.env='" + expected);
    }

    @Test
    void aPropertyTermWithAMalformedPathOrValue() {
        assertThatThrownBy(() -> HostSelector.parse("prop:properties..env=prod"))
                .hasMessage("Term 'prop:properties..env=prod' in host selector 'prop:properties..env=prod' names no"
                        + " valid property path: 'properties..env' should be keys joined by dots, e.g. properties.env"
                        + " or aws.region");
        assertThatThrownBy(() -> HostSelector.parse("prop:properties.env=pre prod"))
                .hasMessage("Term 'prop:properties.env=pre prod' in host selector 'prop:properties.env=pre prod'"
                        + " compares with a value that has a blank in it; values are a word or a glob such as prod-*");
    }

    @Test
    void matchesByNameAndRoles() {
        HostSelector selector = HostSelector.parse("role:database,!db-3");

        assertThat(selector.matches("db-1", List.of("database"), Map.of())).isTrue();
        assertThat(selector.matches("db-3", List.of("database"), Map.of())).isFalse();
        assertThat(selector.matches("web-1", List.of("web"), Map.of())).isFalse();
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
                .hasMessage("Empty host selector; use '*' for every host, a glob such as 'db-*',"
                        + " 'role:NAME' or 'prop:PATH=VALUE'");
        assertThatThrownBy(() -> HostSelector.parse(null))
                .hasMessage("Empty host selector; use '*' for every host, a glob such as 'db-*',"
                        + " 'role:NAME' or 'prop:PATH=VALUE'");
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
                .hasMessage("Term 'hosts/db 2' in host selector 'db-1,hosts/db 2' is neither a host-name glob,"
                        + " role:NAME nor prop:PATH=VALUE");
        assertThatThrownBy(() -> HostSelector.parse("tag:database"))
                .hasMessage("Term 'tag:database' in host selector 'tag:database' is neither a host-name glob,"
                        + " role:NAME nor prop:PATH=VALUE");
        assertThatThrownBy(() -> HostSelector.parse("!!db-1"))
                .hasMessage("Term '!!db-1' in host selector '!!db-1' is neither a host-name glob, role:NAME"
                        + " nor prop:PATH=VALUE");
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

package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class MalformedYamlTest {

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml) {
        return assertThatThrownBy(() -> loader.parse(yaml, "staging", Optional.of(Path.of("envs/staging.yaml"))))
                .isInstanceOf(EnvironmentException.class)
                .hasNoCause();
    }

    @Test
    void aTab() {
        assertProblem("hosts:\n  db-1:\n\taddress: 10.0.1.11\n")
                .hasMessage("envs/staging.yaml:3: malformed YAML: a tab character; YAML indents with spaces only")
                .extracting("source", "line", "key").containsExactly("envs/staging.yaml", 3, "");
    }

    @Test
    void aDuplicateKey() {
        assertProblem("""
                hosts:
                  db-1:
                    address: 10.0.1.11
                    roles: []
                    address: 10.0.1.12
                """)
                .hasMessage("envs/staging.yaml:5: duplicate key 'address' under hosts.db-1 (first at line 3);"
                        + " a key may appear only once in a map")
                .extracting("line", "key").containsExactly(5, "hosts.db-1.address");
    }

    @Test
    void aDuplicateHostAndADuplicateTopLevelKey() {
        assertProblem("""
                hosts:
                  db-1: {}
                  db-1: {}
                """)
                .hasMessage("envs/staging.yaml:3: duplicate key 'db-1' under hosts (first at line 2);"
                        + " a key may appear only once in a map");
        assertProblem("""
                hosts: { a: {} }
                ssh: {}
                hosts: { b: {} }
                """)
                .hasMessage("envs/staging.yaml:3: duplicate key 'hosts' at the top level (first at line 1);"
                        + " a key may appear only once in a map");
    }

    @Test
    void aColonInAnUnquotedValue() {
        assertProblem("""
                hosts:
                  db-1:
                    properties:
                      note: backup: nightly
                """)
                .hasMessage("envs/staging.yaml:4: malformed YAML: a ':' where no key may start; quote a value that"
                        + " contains ': ', or check the indentation");
    }

    @Test
    void aBadIndentation() {
        assertProblem("""
                hosts:
                  db-1:
                    address: x
                 roles: []
                """)
                .hasMessage("envs/staging.yaml:4: malformed YAML: this line is not indented like the lines above it");
    }

    @Test
    void unclosedBracketsAndQuotesNameTheLineWhereTheyOpened() {
        assertProblem("""
                hosts:
                  db-1: { address: x

                ssh: {}
                """)
                .hasMessage("envs/staging.yaml:2: malformed YAML: a '{' is never closed with '}'"
                        + " (line 4 still reads as inside it)");
        assertProblem("""
                hosts:
                  db-1: { roles: [a, b
                  db-2: {}
                """)
                .hasMessage("envs/staging.yaml:2: malformed YAML: a '[' is never closed with ']'"
                        + " (line 3 still reads as inside it)");
        assertProblem("""
                hosts:
                  db-1:
                    address: "10.0.1.11
                  db-2: {}
                """)
                .hasMessage("envs/staging.yaml:3: malformed YAML: a quoted value is never closed");
    }

    @Test
    void aBracketNeverClosedBeforeTheEnd() {
        assertProblem("""
                hosts:
                  db-1: {}
                  db-2: { roles: [a, b
                """)
                .hasMessage("envs/staging.yaml:3: malformed YAML: a '[' is never closed with ']'");
    }

    @Test
    void aBracketThatClosesTheWrongThing() {
        assertProblem("""
                hosts:
                  db-1: { roles: [a, b }
                """)
                .hasMessage("envs/staging.yaml:2: malformed YAML: '}' inside the '[' of line 2, where ',' or ']' belongs;"
                        + " quote a value that contains {, }, [, ] or ','");
        assertProblem("""
                hosts:
                  db-1:
                    properties: { paths: [/backups/${host}] }
                """)
                .hasMessage("envs/staging.yaml:3: malformed YAML: '{' inside the '[' of line 3, where ',' or ']' belongs;"
                        + " quote a value that contains {, }, [, ] or ','");
    }

    @Test
    void aSecondDocument() {
        assertProblem("""
                hosts: { a: {} }
                ---
                hosts: { b: {} }
                """)
                .hasMessage("envs/staging.yaml:2: malformed YAML: a second YAML document ('---'); an environment file"
                        + " holds one document");
    }

    @Test
    void aReservedCharacter() {
        assertProblem("""
                hosts:
                  a: { address: @home }
                """)
                .hasMessage("envs/staging.yaml:2: malformed YAML: a value may not start with '@'; put it in quotes");
    }

    @Test
    void anUndefinedAlias() {
        assertProblem("""
                hosts:
                  a: *defaults
                """)
                .hasMessage("envs/staging.yaml:2: malformed YAML: the alias *defaults refers to no anchor defined"
                        + " before it");
    }

    @Test
    void aRecursiveAlias() {
        assertProblem("""
                hosts:
                  a: &loop { properties: { self: *loop } }
                """)
                .hasMessage("envs/staging.yaml:2: an alias refers to a value that contains it; YAML anchors (&name)"
                        + " may not be used inside themselves")
                .extracting("key").isEqualTo("hosts.a.properties.self");
    }

    @Test
    void aCustomTag() {
        assertProblem("""
                hosts:
                  a: { address: !secret db-password }
                """)
                .hasMessage("envs/staging.yaml:2: hosts.a.address: the tag '!secret' is not supported; environment"
                        + " files hold plain maps, lists, text, numbers and booleans");
    }

    @Test
    void aKeyThatIsAList() {
        assertProblem("""
                hosts:
                  ? [a, b]
                  : {}
                """)
                .hasMessage("envs/staging.yaml:2: a key under hosts is a list; keys are plain names");
    }
}

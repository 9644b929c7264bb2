package dev.infrajunit;

import static dev.infrajunit.Infra.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Infra works from a plain Jupiter test; the environment comes from junit-platform.properties. */
class InfraFromJupiterTest {

    @Test
    void hostsComeFromTheConfiguredEnvironment() {
        assertThat(Infra.environment().name()).isEqualTo("fleet");
        assertThat(host("db-1").run(Command.of("echo {0}", "a; b")).stdout()).isEqualTo("a; b\n");
        assertThat(Infra.hosts("role:database,!db-3")).extracting(Host::name).containsExactly("db-1", "db-2");
    }

    @Test
    void anUnknownHostNamesTheClosestKnownOnes() {
        assertThatThrownBy(() -> host("db-4"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("Unknown host 'db-4' in environment 'fleet'; did you mean db-1, db-2, db-3?"
                        + " Hosts are declared under 'hosts:' in the environment file.");
    }

    /**
     * A check that loops over {@code hosts("role:databse")} would pass having checked nothing, as
     * a {@code @ForEachHost} with that selector is an error too.
     */
    @Test
    void aSelectorThatMatchesNoHostIsAMistakeNotAnEmptyList() {
        String file = Infra.environment().source().orElseThrow().toString();
        assertThatThrownBy(() -> Infra.hosts("role:databse"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Infra.hosts(\"role:databse\"): the selector matches no host of environment 'fleet' (" + file
                        + "); its roles are database, web and its hosts db-1, db-2, db-3, web-1. A check over no host checks"
                        + " nothing; where none may be right, ask Infra.environment().hosts(selector)");
        assertThat(Infra.environment().hosts("role:databse")).isEmpty();
    }

    /** host.run(String) reads {n} as a placeholder like Command.of: the message says how to write literal braces. */
    @Test
    void bracesAroundDigitsInACommandLineSayHowToWriteThemLiterally() {
        assertThatThrownBy(() -> host("db-1").run("grep -cE '^[0-9]{3}$' /etc/hosts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Command template 'grep -cE '^[0-9]{3}$' /etc/hosts' refers to {3} but has only 0 argument(s);"
                        + " {n} stands for the n-th argument, so text with braces, such as a regular expression's {3},"
                        + " goes in an argument: Command.of(\"grep -E {0} file\", \"[0-9]{3}\")");
        assertThat(host("db-1").run(Command.of("echo {0}", "[0-9]{3}")).stdout()).isEqualTo("[0-9]{3}\n");
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldExitWith.shouldExitWith;

import dev.infrajunit.CommandResult;
import dev.infrajunit.assertions.facts.HostTools;
import dev.infrajunit.assertions.host.Subjects.HostCommand;

/**
 * The escape hatch: assertions about a command of your own, run once on the host however many
 * assertions follow: {@code assertThat(host).command("uname -r").succeeds().hasStdoutContaining("6.1")}.
 * The command is yours to keep read-only.
 */
public class CommandAssert extends HostSubjectAssert<CommandAssert, HostCommand> {

    private static final int QUOTED_OUTPUT = 200;

    private CommandResult result;

    public CommandAssert(HostCommand command) {
        super(command, CommandAssert.class);
    }

    /** Exits with status 0. */
    public CommandAssert succeeds() {
        return hasExitStatus(0);
    }

    public CommandAssert hasExitStatus(int expected) {
        CommandResult ran = result();
        if (ran.exitStatus() != expected) {
            throw fail(shouldExitWith(hostName(), actual.command().line(), expected, ran.exitStatus(), ran.stderr()));
        }
        return this;
    }

    public CommandAssert hasStdoutContaining(String text) {
        TextChecks.contains(this, hostName(), stdoutSubject(), result().stdout(), text, printed(result().stdout()));
        return this;
    }

    /** Standard output lacks the text; a command that failed printed nothing to go by, so that cannot be checked. */
    public CommandAssert hasStdoutNotContaining(String text) {
        if (!result().succeeded()) {
            throw HostTools.failed(actual.host(), "that `" + actual.command().line() + "` prints no '" + text + "'", result());
        }
        TextChecks.doesNotContain(this, hostName(), stdoutSubject(), result().stdout(), text, "exit status " + result().exitStatus());
        return this;
    }

    /** Some part of standard output matches the regular expression; {@code ^} and {@code $} match at line ends. */
    public CommandAssert hasStdoutMatching(String regex) {
        TextChecks.containsPattern(this, hostName(), stdoutSubject(), result().stdout(), regex, printed(result().stdout()));
        return this;
    }

    public CommandAssert hasStderrContaining(String text) {
        TextChecks.contains(this, hostName(), stderrSubject(), result().stderr(), text, printed(result().stderr()));
        return this;
    }

    public CommandAssert hasStderrMatching(String regex) {
        TextChecks.containsPattern(this, hostName(), stderrSubject(), result().stderr(), regex, printed(result().stderr()));
        return this;
    }

    private String stdoutSubject() {
        return "the stdout of " + subject();
    }

    private String stderrSubject() {
        return "the stderr of " + subject();
    }

    private static String printed(String output) {
        String text = output.strip();
        if (text.isEmpty()) {
            return "it printed nothing";
        }
        return "it printed: " + (text.length() > QUOTED_OUTPUT ? text.substring(0, QUOTED_OUTPUT) + " ..." : text);
    }

    private CommandResult result() {
        if (result == null) {
            result = host().run(actual.command());
        }
        return result;
    }
}

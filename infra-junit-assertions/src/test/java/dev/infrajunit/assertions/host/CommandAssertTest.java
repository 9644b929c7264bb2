package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RecordingHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommandAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("ops-1");
    private final Host local = hosts.host("ops-1");

    @Test
    void exitStatusAndOutput() {
        String release = System.getProperty("os.version");
        assertThatCode(() -> assertThat(local).command("uname -r").succeeds().hasStdoutContaining(release)
                .hasStdoutMatching("^\\d+\\.\\d+").hasStdoutNotContaining("Windows")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).command("echo oops >&2; exit 3").hasExitStatus(3).hasStderrContaining("oops")
                .hasStderrMatching("^o+ps$")).doesNotThrowAnyException();
    }

    @Test
    void failures() {
        assertThatThrownBy(() -> assertThat(local).command("echo 'disk full' >&2; exit 2").succeeds())
                .hasMessage("ops-1: expected `echo 'disk full' >&2; exit 2` to exit with status 0, but it exited with 2 (stderr: disk full)");
        assertThatThrownBy(() -> assertThat(local).command("true").hasExitStatus(1))
                .hasMessage("ops-1: expected `true` to exit with status 1, but it exited with 0 (nothing on stderr)");
        assertThatThrownBy(() -> assertThat(local).command("echo hello").hasStdoutContaining("bye"))
                .hasMessage("ops-1: expected the stdout of `echo hello` to contain \"bye\", but it does not (it printed: hello)");
        assertThatThrownBy(() -> assertThat(local).command("true").hasStderrMatching("warn"))
                .hasMessage("ops-1: expected the stderr of `true` to contain a match for /warn/, but it does not (it printed nothing)");
        assertThatThrownBy(() -> assertThat(local).command("printf 'a\\nsecret\\n'").hasStdoutNotContaining("secret"))
                .hasMessage("ops-1: expected the stdout of `printf 'a\\nsecret\\n'` not to contain \"secret\", but line 2 does: secret"
                        + " (exit status 0)");
    }

    @Test
    void templateArgumentsAreQuoted() {
        assertThatCode(() -> assertThat(local).command(Command.of("printf %s {0}", "a b; echo injected")).hasStdoutContaining("a b; echo injected")
                .hasStdoutNotContaining("\ninjected")).doesNotThrowAnyException();
    }

    @Test
    void runsOnceForAChain() {
        RecordingHost recording = new RecordingHost(local);
        assertThat(recording).command("uname -s").succeeds().hasStdoutContaining("Linux").hasStdoutMatching("Lin");
        org.assertj.core.api.Assertions.assertThat(recording.commands()).extracting(Command::line).containsExactly("uname -s");
    }
}

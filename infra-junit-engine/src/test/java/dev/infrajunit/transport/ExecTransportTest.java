package dev.infrajunit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.environment.EnvironmentException;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.runtime.RunEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transport: { exec: [...] }} with real commands that give a shell somewhere else: a shell
 * with an environment of its own ({@code env -i}), and one in a UTS namespace of its own with the
 * host's name ({@code unshare}, as root), as {@code docker exec -i NAME sh -s} gives one in a container.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private static ExecTransport shell(String host, String... argv) {
        return new ExecTransport(host, List.of(argv));
    }

    @Test
    void runsTheCommandInTheShellTheProcessGivesWithItsArgumentsQuoted() {
        ExecTransport transport = shell("web-1", "env", "-i", "PATH=/usr/bin:/bin", "PLACE=elsewhere", "sh", "-s");

        CommandResult result = transport.execute(Command.of("printf '%s|%s' \"$PLACE\" {0}", "it's $HOME; `id` \"quoted\""), TIMEOUT);

        assertThat(result.exitStatus()).isZero();
        assertThat(result.stdout()).isEqualTo("elsewhere|it's $HOME; `id` \"quoted\"");
        assertThat(result.host()).isEqualTo("web-1");
    }

    @Test
    void theCommandsExitStatusAndStreamsComeBackAsTheyWere() {
        ExecTransport transport = shell("web-1", "sh", "-s");

        CommandResult failed = transport.execute(Command.of("echo out; echo err >&2; exit 3"), TIMEOUT);
        CommandResult missing = transport.execute(Command.of("no-such-tool-on-this-host --version"), TIMEOUT);

        assertThat(failed.exitStatus()).isEqualTo(3);
        assertThat(failed.stdout()).isEqualTo("out\n");
        assertThat(failed.stderr()).isEqualTo("err\n");
        assertThat(missing.commandNotFound()).isTrue();
    }

    @Test
    void aCommandThatReadsItsInputCannotEatTheScript() {
        CommandResult result = shell("web-1", "sh", "-s").execute(Command.of("cat; echo after"), TIMEOUT);

        assertThat(result.stdout()).isEqualTo("after\n");
    }

    @Test
    void aHostTheProcessCannotReachCouldNotBeCheckedWithWhatTheProcessSaid() {
        ExecTransport transport = shell("web-9", "sh", "-c", "echo 'Error: No such container: web-9' >&2; exit 1");

        assertThatThrownBy(() -> transport.execute(Command.of("true"), TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-9: could not reach the host through `sh -c echo 'Error: No such container: web-9' >&2;"
                        + " exit 1`: it exited with 1 before a shell ran the command: Error: No such container: web-9;"
                        + " check that the command gives a shell on the host when run by hand");
    }

    @Test
    void aProcessThatCannotStartCouldNotBeChecked() {
        assertThatThrownBy(() -> shell("web-1", "no-such-exec-client-here", "exec").execute(Command.of("true"), TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-1: could not start `no-such-exec-client-here exec` to run 'true': Cannot run program");
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedWholeAndCouldNotBeChecked() throws Exception {
        Path marker = dir.resolve("finished");
        long started = System.nanoTime();

        assertThatThrownBy(() -> shell("web-1", "sh", "-s").execute(Command.of("sleep 2; touch {0}", marker.toString()),
                Duration.ofMillis(500)))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: command timed out after 500ms: sleep 2; touch " + marker
                        + " (raise commandTimeout for this host if it is expected to be slow)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(2500);
        assertThat(marker).as("nothing of the command runs on after its timeout").doesNotExist();
    }

    @Test
    void aShellInANamespaceOfItsOwnIsReachedAsTheEnvironmentFileSays() throws Exception {
        assumeTrue(canUnshare(), "unshare --uts needs root");
        Path file = Files.writeString(dir.resolve("containers.yaml"), """
                transport:
                  exec: [unshare, --uts, sh, -c, "hostname ${host} && exec sh -s"]
                hosts:
                  app-1: {}
                  app-2: {}
                """);

        try (RunEnvironment run = new RunEnvironment(loader.load(file.toString()))) {
            assertThat(run.host("app-1").run(Command.of("hostname")).stdout()).isEqualTo("app-1\n");
            assertThat(run.host("app-2").run(Command.of("hostname")).stdout()).isEqualTo("app-2\n");
        }
    }

    @Test
    void theHostsNameGoesIntoTheCommandLine() throws Exception {
        Path file = Files.writeString(dir.resolve("shells.yaml"), """
                roles:
                  app: { transport: { exec: [env, -i, "HOST_NAME=${host}", sh, -s] } }
                hosts:
                  app-1: { roles: [app] }
                """);

        try (RunEnvironment run = new RunEnvironment(loader.load(file.toString()))) {
            assertThat(run.host("app-1").run(Command.of("echo \"$HOST_NAME\"")).stdout()).isEqualTo("app-1\n");
        }
    }

    @Test
    void aTransportMapIsCheckedWhereTheFileWritesIt() throws IOException {
        assertProblem("hosts:\n  app-1: { transport: { exce: [sh, -s] } }\n",
                "app.yaml:2: hosts.app-1.transport: a transport map starts with its kind, but this one has 'exce'; did you"
                        + " mean 'exec'? Kinds: exec (or write ssh, local or none without a map)");
        assertProblem("hosts:\n  app-1: { transport: { exec: [] } }\n",
                "app.yaml:2: hosts.app-1.transport.exec: expected a list of words such as [docker, exec, -i, \"${host}\","
                        + " sh, -s], found an empty list");
        assertProblem("hosts:\n  app-1: { transport: { exec: [sh, -s], user: root } }\n",
                "app.yaml:2: unknown key 'user' under hosts.app-1.transport; known keys: exec");
        assertProblem("hosts:\n  app-1: { transport: docker }\n",
                "app.yaml:2: hosts.app-1.transport: 'docker' is not one of ssh, local, none");
    }

    private void assertProblem(String yaml, String message) {
        assertThatThrownBy(() -> loader.parse(yaml, "app", Optional.of(Path.of("app.yaml"))))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage(message);
    }

    private static boolean canUnshare() throws Exception {
        try {
            Process probe = new ProcessBuilder("unshare", "--uts", "true").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.spi.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshTransportTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void runsACommandAndReturnsBothStreamsAndTheExitStatus() {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        Transport transport = fixture.transports(web1).forHost(web1);

        CommandResult result = transport.execute(Command.of("echo {0}; echo {1} >&2; exit 3", "out put", "err"), TIMEOUT);

        assertThat(result.host()).isEqualTo("web-1");
        assertThat(result.command()).isEqualTo("echo 'out put'; echo err >&2; exit 3");
        assertThat(result.stdout()).isEqualTo("out put\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.duration()).isPositive().isLessThan(TIMEOUT);
    }

    @Test
    void eachHostIsItsOwnServerWithItsOwnFiles() throws Exception {
        EmbeddedSshServer one = fixture.server("web-1");
        EmbeddedSshServer two = fixture.server("web-2");
        Files.writeString(fixture.home("web-1").resolve("motd"), "I am web-1\n");
        Files.writeString(fixture.home("web-2").resolve("motd"), "I am web-2\n");
        HostDefinition web1 = fixture.host("web-1", one).build();
        HostDefinition web2 = fixture.host("web-2", two).build();
        SshTransports transports = fixture.transports(web1, web2);

        assertThat(transports.forHost(web1).execute(Command.of("cat motd"), TIMEOUT).stdout()).isEqualTo("I am web-1\n");
        assertThat(transports.forHost(web2).execute(Command.of("cat motd"), TIMEOUT).stdout()).isEqualTo("I am web-2\n");
    }

    @Test
    void sharesOneConnectionPerHostAmongManyConcurrentCommands() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        // more at once than OpenSSH's 10 sessions per connection: the transport must queue them
        runEachAnsweringItsNumber(fixture.transports(web1), web1, 40, 24);
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.execCount()).as("sessions: commands asked for together share them").isBetween(1, 40);
    }

    /** Released once its checks are done, a host's connection is closed; a later command simply connects again. */
    @Test
    void aReleasedConnectionIsClosedAndOpenedAgainWhenNeeded() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        SshTransports transports = fixture.transports(web1);

        assertThat(transports.forHost(web1).execute(Command.of("echo one"), TIMEOUT).stdout()).isEqualTo("one\n");
        transports.forHost(web1).release();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        assertThat(transports.forHost(web1).execute(Command.of("echo two"), TIMEOUT).stdout()).isEqualTo("two\n");
        transports.forHost(web1).release();
        assertThat(transports.forHost(web1).execute(Command.of("echo three"), TIMEOUT).stdout()).isEqualTo("three\n");

        assertThat(server.connectionCount()).isEqualTo(3);
    }

    /**
     * A check stopped while its command still prints (its timeout, or no thread for reading the
     * command's other stream) ends that command only: output still on its way for it must not end
     * the connection that the host's other checks share.
     */
    @Test
    void aCommandStoppedWhileItPrintsLeavesTheConnectionToTheHostsOtherCommands() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        Transport transport = fixture.transports(web1).forHost(web1);
        assertThat(transport.execute(Command.of("echo connected"), TIMEOUT).stdout()).isEqualTo("connected\n");

        for (int attempt = 0; attempt < 5; attempt++) {
            Thread chatty = new Thread(() -> {
                try {
                    transport.execute(Command.of("while :; do echo chatty; echo noisy >&2; done"), TIMEOUT);
                } catch (CouldNotCheckException stopped) {
                    // it was interrupted: that is the point
                }
            }, "chatty-check");
            chatty.start();
            Thread.sleep(300);
            chatty.interrupt();
            chatty.join(TIMEOUT.toMillis());
            assertThat(chatty.isAlive()).isFalse();
        }

        assertThat(transport.execute(Command.of("echo still connected"), TIMEOUT).stdout()).isEqualTo("still connected\n");
        assertThat(server.connectionCount()).as("connections opened").isEqualTo(1);
    }

    @Test
    void waitsForTheServerToFreeASessionWhenItAllowsFewerThanTheTransportRuns() throws Exception {
        // a server stingier than OpenSSH's default: it refuses the third concurrent session
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().maxSessions(2));
        HostDefinition web1 = fixture.host("web-1", server).build();
        runEachAnsweringItsNumber(fixture.transports(web1), web1, 8, 8);
    }

    /** Runs {@code commands} commands on {@code threads} threads at once; each must print its own number. */
    private static void runEachAnsweringItsNumber(SshTransports transports, HostDefinition host, int commands, int threads)
            throws Exception {
        ExecutorService checks = Executors.newFixedThreadPool(threads);
        try {
            List<Future<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                int n = i;
                results.add(checks.submit(() -> transports.forHost(host).execute(Command.of("sleep 0.2; echo {0}", n), TIMEOUT)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
            }
        } finally {
            checks.shutdownNow();
        }
    }

    /** A server slow to start a command is given the command's timeout, which is longer than the connect timeout. */
    @Test
    void waitsForAServerSlowToStartTheCommandUntilTheCommandsTimeout() {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().execReplyDelay(Duration.ofMillis(1500)));
        HostDefinition web1 = fixture.host("web-1", server).connectTimeout(Duration.ofSeconds(1)).build();

        CommandResult result = fixture.transports(web1).forHost(web1).execute(Command.of("echo started"), Duration.ofSeconds(8));

        assertThat(result.stdout()).isEqualTo("started\n");
    }

    @Test
    void aServerThatDoesNotStartTheCommandWithinItsTimeoutTimesItOut() {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().execReplyDelay(Duration.ofSeconds(4)));
        HostDefinition web1 = fixture.host("web-1", server).connectTimeout(Duration.ofSeconds(8)).build();

        assertThatThrownBy(() -> fixture.transports(web1).forHost(web1).execute(Command.of("echo started"), Duration.ofSeconds(1)))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: command timed out after 1s: echo started (raise commandTimeout for this host if it is"
                        + " expected to be slow)");
    }

    @Test
    void saysSoWhenTheServerRefusesSessionsUntilTheTimeout() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().maxSessions(1));
        HostDefinition web1 = fixture.host("web-1", server).build();
        SshTransports transports = fixture.transports(web1);
        ExecutorService checks = Executors.newSingleThreadExecutor();
        try {
            Future<CommandResult> occupying = checks.submit(() -> transports.forHost(web1).execute(Command.of("sleep 2"), TIMEOUT));
            Thread.sleep(300);

            assertThatThrownBy(() -> transports.forHost(web1).execute(Command.of("echo second"), Duration.ofMillis(500)))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("web-1: the server kept refusing a new session for 500ms (")
                    .hasMessageEndingWith("): echo second. Is MaxSessions in its sshd_config below the default of 10, or is"
                            + " something else using this account's sessions?");
            assertThat(occupying.get().exitStatus()).isZero();
        } finally {
            checks.shutdownNow();
        }
    }

    @Test
    void privilegedCommandsGoThroughSudoOnlyOnHostsThatAllowIt() throws Exception {
        // a sudo that records how it was called, then runs the command: the host has no real sudo
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, "#!/bin/sh\nprintf 'sudo' >> \"$SUDO_LOG\"; printf ' [%s]' \"$@\" >> \"$SUDO_LOG\"; echo >> \"$SUDO_LOG\"\n"
                + "shift\nexec \"$@\"\n");
        sudo.toFile().setExecutable(true);
        Path log = dir.resolve("sudo.log");
        EmbeddedSshServer server = fixture.server("db-1", EmbeddedSshServer.builder()
                .environment("PATH", bin + ":" + System.getenv("PATH")).environment("SUDO_LOG", log.toString()));
        HostDefinition withSudo = fixture.host("db-1", server).sudo().build();
        HostDefinition withoutSudo = fixture.host("db-2", server).build();
        SshTransports transports = fixture.transports(withSudo, withoutSudo);
        Command readShadow = Command.of("wc -c {0}", "it's secret").privileged();

        CommandResult viaSudo = transports.forHost(withSudo).execute(readShadow, TIMEOUT);
        CommandResult direct = transports.forHost(withoutSudo).execute(readShadow, TIMEOUT);

        assertThat(Files.readAllLines(log)).containsExactly("sudo [-n] [sh] [-c] [wc -c 'it'\\''s secret']");
        assertThat(viaSudo.command()).isEqualTo("wc -c 'it'\\''s secret'");
        assertThat(viaSudo.stderr()).contains("it's secret");
        assertThat(direct.stderr()).contains("it's secret");
    }

    @Test
    void theCommandRunsWithTheEnvironmentTheServerGivesIt() {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().environment("ROLE", "web"));
        HostDefinition web1 = fixture.host("web-1", server).build();

        CommandResult result = fixture.transports(web1).forHost(web1).execute(Command.of("echo $ROLE"), TIMEOUT);

        assertThat(result.stdout()).isEqualTo("web\n");
        assertThat(Map.of("exit", result.exitStatus())).containsEntry("exit", 0);
    }
}

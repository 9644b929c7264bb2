package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.environment.HostDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault is checked with a healthy host beside it, whose results must stay right. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshFaultsTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ExecutorService checks;
    private EmbeddedSshServer healthyServer;
    private HostDefinition healthy;

    @BeforeEach
    void setUp() {
        checks = Executors.newFixedThreadPool(8);
        healthyServer = fixture.server("ok-1");
        healthy = fixture.host("ok-1", healthyServer).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        checks.shutdownNow();
    }

    @Test
    void anUnreachableHostFailsAfterTheConnectTimeoutOnceThenAtOnceForEveryFurtherCheck() throws Exception {
        try (SilentPort silent = SilentPort.unanswered()) {
            HostDefinition dead = fixture.host("db-9", healthyServer).port(silent.port()).connectTimeout(Duration.ofSeconds(1)).build();
            SshTransports transports = fixture.transports(dead, healthy);
            String expected = "db-9: unreachable: no answer from 127.0.0.1:" + silent.port() + " within 1s (ssh.connectTimeout)."
                    + " Check that the host is up and that its address and port are right; a firewall may be dropping the connection";

            long started = System.nanoTime();
            List<Future<?>> deadChecks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                deadChecks.add(checks.submit(() -> transports.forHost(dead).execute(Command.of("true"), TIMEOUT)));
            }
            Future<CommandResult> ok = checks.submit(() -> transports.forHost(healthy).execute(Command.of("echo fine"), TIMEOUT));

            for (Future<?> check : deadChecks) {
                assertThatThrownBy(check::get).cause().isInstanceOf(CouldNotCheckException.class).hasMessage(expected);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
            assertThat(ok.get().stdout()).isEqualTo("fine\n");
        }
    }

    @Test
    void aClosedPortIsReportedAsConnectionRefused() throws Exception {
        int closed = SilentPort.closedPort();
        HostDefinition down = fixture.host("db-9", healthyServer).port(closed).build();
        SshTransports transports = fixture.transports(down, healthy);

        assertThatThrownBy(() -> transports.forHost(down).execute(Command.of("true"), TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-9: connection refused by 127.0.0.1:" + closed + ": nothing listens on that port. Check that sshd"
                        + " runs on the host and that ssh.port is right");
        assertThat(transports.forHost(healthy).execute(Command.of("echo fine"), TIMEOUT).stdout()).isEqualTo("fine\n");
    }

    @Test
    void aPortThatAnswersButNotWithSshIsReportedAsSuch() throws Exception {
        try (SilentPort mute = SilentPort.mute()) {
            HostDefinition wrongPort = fixture.host("db-9", healthyServer).port(mute.port()).connectTimeout(Duration.ofSeconds(1)).build();
            SshTransports transports = fixture.transports(wrongPort, healthy);

            long started = System.nanoTime();
            assertThatThrownBy(() -> transports.forHost(wrongPort).execute(Command.of("true"), TIMEOUT))
                    .hasMessage("db-9: 127.0.0.1:" + mute.port() + " accepted the connection but did not complete the SSH"
                            + " handshake within 1s (ssh.connectTimeout): is an SSH server listening on that port?");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(transports.forHost(healthy).execute(Command.of("echo fine"), TIMEOUT).stdout()).isEqualTo("fine\n");
        }
    }

    @Test
    void aCommandThatNeverReturnsIsStoppedAtTheTimeoutAndTheHostStaysUsable() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path marker = fixture.home("web-1").resolve("finished");
        HostDefinition web1 = fixture.host("web-1", server).commandTimeout(Duration.ofSeconds(1)).build();
        SshTransports transports = fixture.transports(web1, healthy);
        Future<CommandResult> ok = checks.submit(() -> transports.forHost(healthy).execute(Command.of("sleep 1.5; echo fine"), TIMEOUT));

        long started = System.nanoTime();
        assertThatThrownBy(() -> transports.forHost(web1).execute(Command.of("sleep 2; touch finished"), Duration.ofSeconds(1)))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: command timed out after 1s: sleep 2; touch finished (raise commandTimeout for this host if it is"
                        + " expected to be slow)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(950), Duration.ofMillis(2000));

        assertThat(transports.forHost(web1).execute(Command.of("echo still here"), TIMEOUT).stdout()).isEqualTo("still here\n");
        assertThat(ok.get().stdout()).isEqualTo("fine\n");
        Thread.sleep(1500);
        assertThat(marker).as("the timed-out command was stopped on the host").doesNotExist();
    }

    /**
     * A host that stops answering while a command runs: at the timeout the command's session is
     * closed, but the host never confirms that, so SSHJ never ends the command's output streams.
     * The check and the threads reading its output must still end a moment after the timeout,
     * not when the keep-alive finally gives up on the connection.
     */
    @Test
    void aCommandOnAHostThatStopsAnsweringEndsAtItsTimeoutAndSoDoItsReaders() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        try (StallingProxy proxy = StallingProxy.to(server.address(), server.port())) {
            Files.writeString(fixture.knownHosts, server.knownHostsLine().replaceFirst(":\\d+ ", ":" + proxy.port() + " ") + "\n",
                    StandardOpenOption.APPEND);
            HostDefinition web1 = fixture.host("web-1", server).port(proxy.port()).build();
            // a patient keep-alive: only the command's own deadline may end the wait
            SshTransports transports = fixture.transports(fixture.options().withKeepAlive(Duration.ofSeconds(60), 3), web1, healthy);
            transports.forHost(web1).execute(Command.of("true"), TIMEOUT);

            long started = System.nanoTime();
            Future<CommandResult> running = checks.submit(() -> transports.forHost(web1).execute(Command.of("sleep 30"), Duration.ofSeconds(1)));
            Thread.sleep(300);
            proxy.stall();

            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("web-1: command timed out after 1s: sleep 30 (raise commandTimeout for this host if it is expected"
                            + " to be slow)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
            await().atMost(Duration.ofMillis(500)).untilAsserted(() -> assertThat(threadsReadingCommandOutput()).isEmpty());
            assertThat(transports.forHost(healthy).execute(Command.of("echo fine"), TIMEOUT).stdout()).isEqualTo("fine\n");
        }
    }

    @Test
    void megabytesOnStderrAndStdoutAtOnceAreReadWithoutHangingAndWithBoundedMemory() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        SshTransports transports = fixture.transports(web1, healthy);
        Future<CommandResult> ok = checks.submit(() -> transports.forHost(healthy).execute(Command.of("echo fine"), TIMEOUT));

        CommandResult chatty = transports.forHost(web1).execute(
                Command.of("head -c 10485760 /dev/zero | tr '\\0' e >&2; echo done"), TIMEOUT);
        CommandResult both = transports.forHost(web1).execute(
                Command.of("head -c 10485760 /dev/zero | tr '\\0' e >&2 & head -c 6291456 /dev/zero | tr '\\0' o; wait"), TIMEOUT);

        // standard error is shown, never parsed: its two ends are kept
        assertThat(chatty.stderr()).hasSizeLessThan(2048)
                .matches("e{512}\n\\[\\.\\.\\. " + (10 * 1024 * 1024 - 1024) + " bytes of standard error not shown \\.\\.\\.]\ne{512}");
        assertThat(chatty.stdout()).isEqualTo("done\n");
        assertThat(both.stderr()).hasSizeLessThan(2048);
        assertThat(both.stdout()).hasSize(6 * 1024 * 1024);
        assertThat(ok.get().stdout()).isEqualTo("fine\n");
    }

    /** Checks parse standard output: from part of a listing they would conclude wrongly, so too much is an error. */
    @Test
    void standardOutputBeyondWhatACheckReadsIsAnErrorNotAPartialAnswer() {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        SshTransports transports = fixture.transports(web1);
        Command flood = Command.of("head -c 104857600 /dev/zero | tr '\\0' o");

        assertThatThrownBy(() -> transports.forHost(web1).execute(flood, TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: `" + flood.line() + "` printed more than 16 MB on standard output, more than a check reads;"
                        + " it was stopped. Narrow what the command prints");
        assertThat(transports.forHost(web1).execute(Command.of("echo next"), TIMEOUT).stdout()).isEqualTo("next\n");
    }

    @Test
    void aHostThatDiesMidRunFailsItsRunningAndLaterChecksWhileOthersCarryOn() throws Exception {
        EmbeddedSshServer dying = fixture.server("web-1");
        int port = dying.port();
        HostDefinition web1 = fixture.host("web-1", dying).build();
        SshTransports transports = fixture.transports(web1, healthy);
        transports.forHost(web1).execute(Command.of("true"), TIMEOUT);

        Future<CommandResult> running = checks.submit(() -> transports.forHost(web1).execute(Command.of("sleep 5"), TIMEOUT));
        Future<CommandResult> ok = checks.submit(() -> transports.forHost(healthy).execute(Command.of("sleep 1; echo fine"), TIMEOUT));
        Thread.sleep(300);
        long killed = System.nanoTime();
        dying.kill();

        assertThatThrownBy(running::get).cause()
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: connection to 127.0.0.1:" + port + " was lost while running: sleep 5 (the host went down or"
                        + " restarted, or the network dropped)");
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(2));
        String refused = "web-1: connection refused by 127.0.0.1:" + port + ": nothing listens on that port. Check that sshd"
                + " runs on the host and that ssh.port is right";
        assertThatThrownBy(() -> transports.forHost(web1).execute(Command.of("true"), TIMEOUT)).hasMessage(refused);
        assertThatThrownBy(() -> transports.forHost(web1).execute(Command.of("true"), TIMEOUT)).hasMessage(refused);
        assertThat(ok.get().stdout()).isEqualTo("fine\n");
        assertThat(transports.forHost(healthy).execute(Command.of("echo still fine"), TIMEOUT).stdout()).isEqualTo("still fine\n");
    }

    /**
     * A check stopped by its timeout is interrupted; if it was the one opening its host's
     * connection, that says nothing about the host, so the host's other checks must still connect.
     */
    @Test
    void aCheckStoppedWhileConnectingDoesNotFailItsHostsOtherChecks() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        SshTransports transports = fixture.transports(web1, healthy);

        // as a check thread is when its timeout interrupted it while it waited for the connection
        Future<Throwable> stopped = checks.submit(() -> {
            Thread.currentThread().interrupt();
            try {
                transports.forHost(web1).execute(Command.of("echo first"), TIMEOUT);
                return null;
            } catch (RuntimeException e) {
                return e;
            } finally {
                Thread.interrupted();
            }
        });

        assertThat(stopped.get())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: interrupted while connecting to 127.0.0.1:" + server.port()
                        + "; the check was stopped (by its timeout, or the run was cancelled) before the connection was made");
        assertThat(checks.submit(() -> transports.forHost(web1).execute(Command.of("echo second"), TIMEOUT)).get().stdout())
                .isEqualTo("second\n");
    }

    /** The end of the run must not wait for a host whose connection is being opened: a stalling host would hold up the run. */
    @Test
    void closingTheRunDoesNotWaitForAConnectionBeingOpened() throws Exception {
        try (SilentPort mute = SilentPort.mute()) {
            HostDefinition stalling = fixture.host("db-9", healthyServer).port(mute.port()).connectTimeout(Duration.ofSeconds(3)).build();
            SshTransports transports = fixture.transports(stalling, healthy);
            transports.forHost(healthy).execute(Command.of("true"), TIMEOUT);
            Future<CommandResult> connecting = checks.submit(() -> transports.forHost(stalling).execute(Command.of("true"), TIMEOUT));
            Thread.sleep(300);

            long started = System.nanoTime();
            checks.submit(transports::close).get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

            assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("db-9: 127.0.0.1:" + mute.port() + " accepted the connection but did not complete the SSH"
                            + " handshake within 3s (ssh.connectTimeout): is an SSH server listening on that port?");
        }
    }

    /** A connection that was still being opened when the run ended is closed as soon as it is open, not left behind. */
    @Test
    void aConnectionOpenedAfterTheRunEndedIsClosed() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        // the silent agent keeps the login waiting for its connect timeout before the key file is offered
        try (StallingAgent agent = StallingAgent.silent(dir.resolve("agent.sock"))) {
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition web1 = fixture.host("web-1", server).connectTimeout(Duration.ofSeconds(2)).build();
            SshTransports transports = fixture.transports(web1);
            Future<CommandResult> connecting = checks.submit(() -> transports.forHost(web1).execute(Command.of("true"), TIMEOUT));
            Thread.sleep(300);

            long started = System.nanoTime();
            checks.submit(transports::close).get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            assertThat(server.openConnections()).isEqualTo(1);

            assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("web-1: the run is over: its connection to 127.0.0.1:" + server.port() + " is closed");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(server.openConnections()).isZero());
            assertThat(server.execCount()).isZero();
        }
    }

    /** A check stopped by its own timeout interrupts its command: the command must not run on on the host. */
    @Test
    void anInterruptedCommandIsStoppedOnTheHostAndTheHostStaysUsable() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path marker = fixture.home("web-1").resolve("finished");
        HostDefinition web1 = fixture.host("web-1", server).build();
        SshTransports transports = fixture.transports(web1, healthy);
        transports.forHost(web1).execute(Command.of("true"), TIMEOUT);
        java.util.concurrent.CompletableFuture<Thread> caller = new java.util.concurrent.CompletableFuture<>();

        Future<Throwable> stopped = checks.submit(() -> {
            caller.complete(Thread.currentThread());
            try {
                transports.forHost(web1).execute(Command.of("sleep 2; touch finished"), TIMEOUT);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(500);
        caller.get().interrupt();

        assertThat(stopped.get()).isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: interrupted while running: sleep 2; touch finished");
        assertThat(transports.forHost(web1).execute(Command.of("echo still here"), TIMEOUT).stdout()).isEqualTo("still here\n");
        Thread.sleep(2000);
        assertThat(marker).as("the interrupted command was stopped on the host").doesNotExist();
    }

    /** Threads blocked in reading a command's stdout or stderr from SSHJ. */
    private static List<String> threadsReadingCommandOutput() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> java.util.Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(net.schmizz.sshj.connection.channel.ChannelInputStream.class.getName())))
                .map(thread -> thread.getKey().getName())
                .toList();
    }
}

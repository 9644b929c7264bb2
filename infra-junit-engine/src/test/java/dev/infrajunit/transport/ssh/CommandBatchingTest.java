package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Commands a host is asked for at about the same moment travel as one script in one session, and
 * each still gets exactly its own output, exit status, timeout and failure. The window is long
 * here, and the commands are asked for 20 ms apart, so that they meet in one batch in that order.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommandBatchingTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WINDOW = Duration.ofMillis(400);

    private ExecutorService checks;
    private EmbeddedSshServer server;
    private HostDefinition web1;
    private int execsBefore;

    @BeforeEach
    void setUp() {
        checks = Executors.newCachedThreadPool();
        server = fixture.server("web-1");
        web1 = fixture.host("web-1", server).build();
    }

    @AfterEach
    void tearDown() {
        checks.shutdownNow();
    }

    @Test
    void commandsAskedForTogetherRunInOneSessionEachWithItsOwnStreamsAndStatus() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("echo one; echo one-err >&2"),
                Command.of("echo two; exit 3"),
                Command.of("echo three >&2; false"),
                Command.of("echo {0}", "four")));

        assertThat(sessionsSinceWarmUp()).as("sessions for four commands asked for together").isEqualTo(1);
        assertThat(results).extracting(CommandResult::stdout).containsExactly("one\n", "two\n", "", "four\n");
        assertThat(results).extracting(CommandResult::stderr).containsExactly("one-err\n", "", "three\n", "");
        assertThat(results).extracting(CommandResult::exitStatus).containsExactly(0, 3, 1, 0);
        assertThat(results).extracting(CommandResult::command)
                .containsExactly("echo one; echo one-err >&2", "echo two; exit 3", "echo three >&2; false", "echo four");
    }

    /** Output shaped like frames, even with the frame's own words, stays output: the boundary is random per batch. */
    @Test
    void outputThatLooksLikeFramesIsOutput() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);
        String lookAlike = "\ninfra-junit-00000000000000000000000000000000 0 0\ninfra-junit- 1 7\n";

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("printf {0}; printf {0} >&2", lookAlike),
                Command.of("printf '\\n'; printf 'infra-junit-'"),
                Command.of("echo after")));

        assertThat(results.get(0).stdout()).isEqualTo(lookAlike);
        assertThat(results.get(0).stderr()).isEqualTo(lookAlike);
        assertThat(results.get(1).stdout()).isEqualTo("\ninfra-junit-");
        assertThat(results.get(2).stdout()).isEqualTo("after\n");
        assertThat(results).extracting(CommandResult::exitStatus).containsOnly(0);
    }

    @Test
    void outputWithoutTrailingNewlineEmptyOutputAndBlankLinesKeepTheirShape() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("printf 'no newline'; printf 'err no newline' >&2"),
                Command.of("true"),
                Command.of("printf '\\n\\n'"),
                Command.of("printf 'a\\n\\nb\\n\\n'")));

        assertThat(results).extracting(CommandResult::stdout).containsExactly("no newline", "", "\n\n", "a\n\nb\n\n");
        assertThat(results).extracting(CommandResult::stderr).containsExactly("err no newline", "", "", "");
    }

    /** Bytes that are not text (NUL, bytes above 127, a lone carriage return) come through as they do alone. */
    @Test
    void binaryOutputComesThroughAsItDoesAlone() throws Exception {
        Command binary = Command.of("printf '\\000\\001\\377\\376\\r\\n\\000'; head -c 3000 /dev/zero | tr '\\0' '\\377'");
        Command binaryErr = Command.of("printf '\\000\\200\\n\\377' >&2");
        CommandResult alone = batching(Duration.ZERO).execute(binary, TIMEOUT);
        CommandResult aloneErr = batching(Duration.ZERO).execute(binaryErr, TIMEOUT);
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT, binary, binaryErr, Command.of("echo text")));

        assertThat(results.get(0).stdout()).isEqualTo(alone.stdout()).startsWith("\0\u0001");
        assertThat(results.get(1).stderr()).isEqualTo(aloneErr.stderr()).startsWith("\0");
        assertThat(results.get(2).stdout()).isEqualTo("text\n");
    }

    /** What a command does to its shell (exit, cd, set -e, a syntax error, closing its output) stays with it. */
    @Test
    void whatACommandDoesToItsShellDoesNotReachItsBatchMates() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("cd /; set -e; exit 5"),
                Command.of("echo 'unclosed"),
                Command.of("exec >&-; exec 2>&-; true"),
                Command.of("sh -c 'kill -9 $$'"),
                Command.of("pwd; echo still")));

        assertThat(results).extracting(CommandResult::exitStatus).containsExactly(5, 2, 0, 128 + 9, 0);
        assertThat(results.get(1).stderr()).containsIgnoringCase("unterminated quoted string");
        assertThat(results.get(4).stdout()).isEqualTo(fixture.home("web-1") + "\nstill\n");
        assertThat(sessionsSinceWarmUp()).isEqualTo(1);
    }

    /**
     * However a command hides a change to its shell (a quoted or escaped {@code cd}, {@code command cd},
     * a redirection before it, an assignment in {@code ${...}} or a loop), its batch-mates see the
     * shell as it was.
     */
    @Test
    void aChangeToTheShellHiddenInACommandStaysWithIt() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("'cd' /"), Command.of("c\\d /"), Command.of("command cd /"), Command.of("2>/dev/null cd /"),
                Command.of("true && cd /"), Command.of("X=changed"), Command.of(": ${X=changed}"),
                Command.of("for X in changed; do :; done"), Command.of("umask 077"),
                Command.of("pwd; echo \"x$X\"; umask")));

        List<String> after = results.get(9).stdout().lines().toList();
        assertThat(after).hasSize(3).startsWith(fixture.home("web-1").toString(), "x");
        assertThat(after.get(2)).as("umask").isNotEqualTo("0077");
        assertThat(sessionsSinceWarmUp()).isEqualTo(1);
    }

    /** A parenthesis the shell reads as a character cannot pair up with one that would end the command's subshell. */
    @Test
    void aCommandWithAStrayParenthesisIsASyntaxErrorOfItsOwn() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("echo ${x:-(} ) ; exit 3"),
                Command.of("echo \"(\" ) ; exit 3"),
                Command.of("echo after")));

        assertThat(results).extracting(CommandResult::exitStatus).containsExactly(2, 2, 0);
        assertThat(results).extracting(CommandResult::stdout).containsExactly("", "", "after\n");
        assertThat(sessionsSinceWarmUp()).isEqualTo(1);
    }

    /** A command that cannot change its shell runs in the batch's shell: no fork of a subshell before its program. */
    @Test
    void aCommandThatCannotChangeItsShellRunsInTheBatchsShell() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("echo $$"),
                Command.of("sh -c 'echo $PPID'")));

        assertThat(results.get(1).stdout()).as("the parent of the program: the batch's shell").isEqualTo(results.get(0).stdout());
    }

    /** A command that ends the batch's shell itself fails alone; the commands after it are sent again. */
    @Test
    void aCommandThatKillsItsShellEndsWithItsStatusAndTheRestAreSentAgain() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("echo first"),
                Command.of("echo dying; kill -9 $$; sleep 1"),
                Command.of("echo after")));

        assertThat(results.get(0).stdout()).isEqualTo("first\n");
        assertThat(results.get(1).stdout()).isEqualTo("dying\n");
        assertThat(results.get(1).exitStatus()).isEqualTo(128 + 9);
        assertThat(results.get(2).stdout()).isEqualTo("after\n");
        assertThat(sessionsSinceWarmUp()).isEqualTo(2);
    }

    @Test
    void oneCommandTimesOutAloneAndTheCommandsAfterItAreSentAgain() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);
        Path marker = fixture.home("web-1").resolve("finished");

        List<Future<CommandResult>> asked = together(transport, Duration.ofSeconds(1),
                Command.of("echo before"),
                Command.of("sleep 3; touch finished"),
                Command.of("echo after"));

        assertThat(asked.get(0).get().stdout()).isEqualTo("before\n");
        assertThatThrownBy(() -> asked.get(1).get()).cause().isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: command timed out after 1s: sleep 3; touch finished (raise commandTimeout for this host if it"
                        + " is expected to be slow)");
        assertThat(asked.get(2).get().stdout()).isEqualTo("after\n");
        assertThat(sessionsSinceWarmUp()).as("the batch, then the command sent again").isEqualTo(2);
        Thread.sleep(2500);
        assertThat(marker).as("the timed-out command was stopped on the host").doesNotExist();
    }

    /** Each command's timeout counts from when it starts, not from when the batch did. */
    @Test
    void commandsThatTakeMostOfTheirTimeoutEachStillFinish() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, Duration.ofSeconds(1),
                Command.of("sleep 0.6; echo a"), Command.of("sleep 0.6; echo b"), Command.of("sleep 0.6; echo c")));

        assertThat(results).extracting(CommandResult::stdout).containsExactly("a\n", "b\n", "c\n");
        // timed from the frames as they are read: about its own 0.6 s, not the 1.8 s of the three
        assertThat(results).allSatisfy(result -> assertThat(result.duration())
                .as("its own duration").isBetween(Duration.ofMillis(300), Duration.ofMillis(1000)));
    }

    @Test
    void oneCommandPrintingTooMuchFailsAloneAndTheOthersAreAnswered() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);
        Command flood = Command.of("head -c 104857600 /dev/zero | tr '\\0' o");

        List<Future<CommandResult>> asked = together(transport, TIMEOUT,
                Command.of("echo before; echo err >&2"), flood, Command.of("echo after"));

        assertThat(asked.get(0).get().stdout()).isEqualTo("before\n");
        assertThat(asked.get(0).get().stderr()).isEqualTo("err\n");
        assertThatThrownBy(() -> asked.get(1).get()).cause().isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: `" + flood.line() + "` printed more than 16 MB on standard output, more than a check reads;"
                        + " it was stopped. Narrow what the command prints");
        assertThat(asked.get(2).get().stdout()).isEqualTo("after\n");
    }

    /** Standard error is kept at both ends per command, not per batch. */
    @Test
    void megabytesOfStderrStayWithTheirCommand() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("head -c 5242880 /dev/zero | tr '\\0' e >&2; exit 4"), Command.of("echo quiet >&2")));

        assertThat(results.get(0).exitStatus()).isEqualTo(4);
        assertThat(results.get(0).stderr()).hasSizeLessThan(2048).startsWith("eeee").endsWith("eeee")
                .contains("[... " + (5 * 1024 * 1024 - 1024) + " bytes of standard error not shown ...]");
        assertThat(results.get(1).stderr()).isEqualTo("quiet\n");
    }

    /** A caller that stops waiting stops its own command; its batch-mates are answered. */
    @Test
    void anInterruptedCommandIsStoppedAndItsBatchMatesAreAnswered() throws Exception {
        Transport transport = batching(WINDOW);
        warmUp(transport);
        Path marker = fixture.home("web-1").resolve("finished");
        List<Thread> callers = new ArrayList<>();

        List<Future<CommandResult>> asked = together(transport, TIMEOUT, callers,
                Command.of("echo before"), Command.of("sleep 2; touch finished"), Command.of("echo after"));
        Thread.sleep(WINDOW.toMillis() + 400);
        callers.get(1).interrupt();

        assertThat(asked.get(0).get().stdout()).isEqualTo("before\n");
        assertThatThrownBy(() -> asked.get(1).get()).cause().hasMessage("web-1: interrupted while running: sleep 2; touch finished");
        assertThat(asked.get(2).get().stdout()).isEqualTo("after\n");
        Thread.sleep(2000);
        assertThat(marker).as("the interrupted command was stopped on the host").doesNotExist();
    }

    /** Where the run counts the host's unfinished checks, a batch leaves as soon as all of them wait, long before its window ends. */
    @Test
    void aBatchLeavesOnceEveryUnfinishedCheckOfTheHostWaits() throws Exception {
        AtomicInteger checksLeft = new AtomicInteger(3);
        SshTransports transports = fixture.transports(fixture.options().withBatchWindow(Duration.ofMinutes(5)), web1)
                .countingChecks(host -> host.equals("web-1") ? checksLeft.get() : -1);
        Transport transport = transports.forHost(web1);
        checksLeft.set(1);
        assertThat(transport.execute(Command.of("echo alone"), TIMEOUT).stdout()).isEqualTo("alone\n");
        checksLeft.set(3);
        execsBefore = server.execCount();

        List<Future<CommandResult>> asked = together(transport, TIMEOUT, Command.of("echo a"), Command.of("echo b"));
        Thread.sleep(200);
        assertThat(asked).noneMatch(Future::isDone);
        checksLeft.set(2);
        transports.checkFinished("web-1");

        assertThat(asked.get(0).get(5, TimeUnit.SECONDS).stdout()).isEqualTo("a\n");
        assertThat(asked.get(1).get(5, TimeUnit.SECONDS).stdout()).isEqualTo("b\n");
        assertThat(answers(together(transport, TIMEOUT, Command.of("echo c"), Command.of("echo d"))))
                .extracting(CommandResult::stdout).containsExactly("c\n", "d\n");
        assertThat(sessionsSinceWarmUp()).isEqualTo(2);
    }

    @Test
    void aWindowOfZeroSendsEachCommandOnItsOwn() throws Exception {
        Transport transport = batching(Duration.ZERO);
        warmUp(transport);

        List<CommandResult> results = answers(together(transport, TIMEOUT, Command.of("echo a"), Command.of("echo b"), Command.of("echo c")));

        assertThat(results).extracting(CommandResult::stdout).containsExactly("a\n", "b\n", "c\n");
        assertThat(sessionsSinceWarmUp()).isEqualTo(3);
    }

    @Test
    void aPrivilegedCommandIsWrappedInSudoInsideTheBatch() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, "#!/bin/sh\necho \"sudo $*\" >&2\nshift\nexec \"$@\"\n");
        sudo.toFile().setExecutable(true);
        EmbeddedSshServer withSudo = fixture.server("db-1", EmbeddedSshServer.builder().environment("PATH", bin + ":" + System.getenv("PATH")));
        HostDefinition db1 = fixture.host("db-1", withSudo).sudo().build();
        Transport transport = fixture.transports(fixture.options().withBatchWindow(WINDOW), db1).forHost(db1);
        transport.execute(Command.of("true"), TIMEOUT);
        int before = withSudo.execCount();

        List<CommandResult> results = answers(together(transport, TIMEOUT,
                Command.of("echo {0}", "it's root").privileged(), Command.of("echo plain")));

        assertThat(results.get(0).stdout()).isEqualTo("it's root\n");
        assertThat(results.get(0).stderr()).isEqualTo("sudo -n sh -c echo 'it'\\''s root'\n");
        assertThat(results.get(0).command()).isEqualTo("echo 'it'\\''s root'");
        assertThat(results.get(1).stderr()).isEmpty();
        assertThat(withSudo.execCount() - before).isEqualTo(1);
    }

    private Transport batching(Duration window) {
        return fixture.transports(fixture.options().withBatchWindow(window), web1).forHost(web1);
    }

    /** Connects, so that the commands of the test meet in one batch; the server's count then starts from 0. */
    private void warmUp(Transport transport) {
        transport.execute(Command.of("true"), TIMEOUT);
        execsBefore = server.execCount();
    }

    private int sessionsSinceWarmUp() {
        return server.execCount() - execsBefore;
    }

    private List<Future<CommandResult>> together(Transport transport, Duration timeout, Command... commands) throws InterruptedException {
        return together(transport, timeout, new ArrayList<>(), commands);
    }

    /** Asks for each command on a thread of its own, 20 ms apart, all within the window. */
    private List<Future<CommandResult>> together(Transport transport, Duration timeout, List<Thread> callers, Command... commands)
            throws InterruptedException {
        List<Future<CommandResult>> asked = new ArrayList<>();
        for (Command command : commands) {
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            asked.add(checks.submit(() -> {
                caller.complete(Thread.currentThread());
                return transport.execute(command, timeout);
            }));
            callers.add(caller.join());
            Thread.sleep(20);
        }
        return asked;
    }

    private static List<CommandResult> answers(List<Future<CommandResult>> asked) throws InterruptedException, ExecutionException {
        List<CommandResult> results = new ArrayList<>();
        for (Future<CommandResult> future : asked) {
            results.add(future.get());
        }
        return results;
    }
}

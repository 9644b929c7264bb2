package dev.infrajunit.transport.ssh;

import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.transport.output.CapturedOutput;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One command on its way to a host in a batch: what its caller waits on, and what one attempt to
 * run it has collected so far. A command that did not get to run (its session was ended for a
 * batch-mate) is sent again with a fresh attempt.
 */
final class QueuedCommand {

    private final String host;
    private final String shown;
    private final String line;
    private final Duration timeout;
    private final CompletableFuture<CommandResult> result = new CompletableFuture<>();
    private volatile boolean abandoned;
    private Runnable stopWhileRunning;
    private long deadline;

    // the current attempt, touched by the threads reading its session's two streams
    private CapturedOutput.Stdout stdout;
    private CapturedOutput.Stderr stderr;
    private long started;
    private Integer exitStatus;
    private long ended;
    private boolean stderrEnded;

    /**
     * @param shown the command as messages show it (without a {@code sudo} wrapper)
     * @param line  the command line sent to the host
     */
    QueuedCommand(String host, String shown, String line, Duration timeout) {
        this.host = host;
        this.shown = shown;
        this.line = line;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        newAttempt();
    }

    String shown() {
        return shown;
    }

    String line() {
        return line;
    }

    Duration timeout() {
        return timeout;
    }

    /** By when ({@link System#nanoTime()}) its session must have started, for this attempt. */
    synchronized long deadline() {
        return deadline;
    }

    CompletableFuture<CommandResult> result() {
        return result;
    }

    /** Its caller stopped waiting (its check was stopped): it must not run on, or run at all. */
    void abandon() {
        Runnable stop;
        synchronized (this) {
            abandoned = true;
            stop = stopWhileRunning;
        }
        if (stop != null) {
            stop.run();
        }
    }

    boolean abandoned() {
        return abandoned;
    }

    /** Whether nobody waits for it any more: answered, failed, or abandoned. */
    boolean settled() {
        return abandoned || result.isDone();
    }

    /** It is sent again: a fresh deadline and nothing collected. */
    synchronized void newAttempt() {
        stopWhileRunning = null;
        deadline = System.nanoTime() + timeout.toNanos();
        stdout = new CapturedOutput.Stdout();
        stderr = new CapturedOutput.Stderr();
        exitStatus = null;
        stderrEnded = false;
    }

    /**
     * The host starts on it now: its own timeout counts from here. {@code stop} ends its session
     * should its caller stop waiting while it runs (at once, if it already has).
     */
    long start(Runnable stop) {
        boolean gone;
        long by;
        synchronized (this) {
            started = System.nanoTime();
            deadline = started + timeout.toNanos();
            by = deadline;
            stopWhileRunning = stop;
            gone = abandoned;
        }
        if (gone) {
            stop.run();
        }
        return by;
    }

    synchronized void stdout(byte[] bytes, int offset, int length) {
        stdout.write(bytes, offset, length);
    }

    /** Whether it printed more on standard output than a check reads. */
    synchronized boolean printedTooMuch() {
        return stdout.cut();
    }

    synchronized void stderr(byte[] bytes, int offset, int length) {
        stderr.write(bytes, offset, length);
    }

    /** Its standard output ended with its exit status; the result is ready once standard error ended too. */
    synchronized void exited(int status) {
        stopWhileRunning = null;
        exitStatus = status;
        ended = System.nanoTime();
        completeIfDone();
    }

    synchronized void stderrEnded() {
        stderrEnded = true;
        completeIfDone();
    }

    /** Whether its exit status came. */
    synchronized boolean exited() {
        return exitStatus != null;
    }

    /**
     * Ends it with what it printed and the given status although not both frames came: the shell
     * itself ended with it (a signal, or the command ended the shell), or its standard error could
     * not be read to its frame.
     */
    synchronized void endWith(int status) {
        if (exitStatus == null) {
            exitStatus = status;
            ended = System.nanoTime();
        }
        stderrEnded = true;
        completeIfDone();
    }

    void fail(CouldNotCheckException failure) {
        result.completeExceptionally(failure);
    }

    /** No thread could be started to run it or read its output. */
    void failForLackOfThreads(OutOfMemoryError refusal) {
        fail(new CouldNotCheckException(host, "could not run: " + shown + ": no thread could be started for it ("
                + refusal.getMessage() + "); " + ThreadLimit.ADVICE, refusal));
    }

    private void completeIfDone() {
        if (exitStatus != null && stderrEnded && !result.isDone()) {
            if (stdout.cut()) {
                result.completeExceptionally(CapturedOutput.tooLong(host, shown));
            } else {
                result.complete(new CommandResult(host, shown, exitStatus, stdout.captured().text(), stderr.captured().text(),
                        Duration.ofNanos(ended - started)));
            }
        }
    }
}

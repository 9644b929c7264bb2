package dev.infrajunit.transport.ssh;

import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.transport.output.CapturedOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;

/**
 * Runs one command in its own session. The session always executes the same {@code sh -s}, and
 * the command travels as a script on its standard input: OpenSSH hands the exec line to the login
 * user's shell, which may be fish or tcsh, where POSIX quoting means something else, while
 * {@code sh} reads the script the same way everywhere. SSHJ's stream reads have no timeout and
 * stdout and stderr share one channel window, so both are drained on reader threads at once, with
 * bounded memory ({@link CapturedOutput}), and an alarm closes the session at the deadline, which
 * ends both reads once the host confirms the close. A host that never confirms it would leave them
 * reading until the keep-alive gives up, so the caller waits for them only until a moment after the
 * deadline, then stops them. Opening the session and starting the command are bounded by the same
 * deadline.
 */
final class RemoteExecution {

    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3), Map.entry(Signal.ILL, 4),
            Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8), Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10),
            Map.entry(Signal.SEGV, 11), Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    /** What every session executes; the command comes on its standard input. */
    static final String SHELL = "sh -s";

    /** How long after its deadline a command's output is still read: a responsive host ends it well within this. */
    private static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ExecutorService readers;
    private final ScheduledExecutorService alarms;

    RemoteExecution(ExecutorService readers, ScheduledExecutorService alarms) {
        this.readers = readers;
        this.alarms = alarms;
    }

    /**
     * @param shown    the command as messages show it (without a {@code sudo} wrapper)
     * @param line     the command line sent to the host
     * @param deadline {@link System#nanoTime()} by which the command must have finished
     */
    CommandResult run(SshTarget target, SSHClient client, String shown, String line, Duration timeout, long deadline) {
        long started = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        Session session = null;
        ScheduledFuture<?> alarm = null;
        Session.Command running = null;
        Future<CapturedOutput> stdout = null;
        Future<CapturedOutput> stderr = null;
        Thread caller = Thread.currentThread();
        AtomicBoolean starting = new AtomicBoolean(true);
        AtomicReference<OpenFailException> refused = new AtomicReference<>();
        // SSHJ waits for the session and the exec request up to the connection's timeout: this one wakes it at the deadline
        ScheduledFuture<?> startAlarm = alarms.schedule(() -> {
            synchronized (starting) {
                if (starting.get()) {
                    timedOut.set(true);
                    caller.interrupt();
                }
            }
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            Session.Command command;
            try {
                session = startSession(target, client, shown, timeout, deadline, refused);
                command = session.exec(SHELL);
                running = command;
                try (OutputStream script = command.getOutputStream()) {
                    script.write(script(line).getBytes(StandardCharsets.UTF_8));
                }
            } finally {
                synchronized (starting) {
                    starting.set(false);
                }
                startAlarm.cancel(false);
                if (timedOut.get()) {
                    // the interrupt was the deadline's, not the check's
                    Thread.interrupted();
                }
            }
            if (timedOut.get()) {
                throw startFailure(target, client, shown, timeout, refused.get(), null);
            }
            Session opened = session;
            alarm = alarms.schedule(() -> {
                timedOut.set(true);
                // closing waits for the peer's answer: not on the alarm thread
                readers.execute(() -> abort(opened, command));
            }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            stdout = readers.submit(() -> CapturedOutput.stdout(command.getInputStream(),
                    () -> readers.execute(() -> abort(opened, command))));
            stderr = readers.submit(() -> CapturedOutput.stderr(command.getErrorStream()));
            // a host that never confirms the close at the deadline never ends the streams either
            long drainedBy = deadline + DRAIN_GRACE_NANOS;
            CapturedOutput output = stdout.get(Math.max(0, drainedBy - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (output.cut()) {
                // the command was stopped as soon as it printed too much
                throw CapturedOutput.tooLong(target.hostName(), shown);
            }
            CapturedOutput errors = stderr.get(Math.max(0, drainedBy - System.nanoTime()), TimeUnit.NANOSECONDS);
            command.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            Integer status = exitStatus(command);
            if (!alarm.cancel(false) || timedOut.get() || status == null) {
                throw failure(target, client, shown, timeout, timedOut.get(), null);
            }
            return new CommandResult(target.hostName(), shown, status, output.text(), errors.text(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | ExecutionException e) {
            if (timedOut.get()) {
                throw running == null ? startFailure(target, client, shown, timeout, refused.get(), e)
                        : failure(target, client, shown, timeout, true, e);
            }
            if (causedByInterrupt(e)) {
                // SSHJ's streams turn an interrupt into an InterruptedIOException and clear the flag
                Thread.currentThread().interrupt();
                throw new CouldNotCheckException(target.hostName(), "interrupted while running: " + shown, e);
            }
            throw failure(target, client, shown, timeout, timedOut.get(), e);
        } catch (IllegalStateException e) {
            // SSHJ's word for a connection that went away under it ("Not connected")
            throw failure(target, client, shown, timeout, timedOut.get(), e);
        } catch (TimeoutException e) {
            throw failure(target, client, shown, timeout, true, null);
        } catch (InterruptedException e) {
            if (timedOut.get()) {
                throw running == null ? startFailure(target, client, shown, timeout, refused.get(), e)
                        : failure(target, client, shown, timeout, true, e);
            }
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(target.hostName(), "interrupted while running: " + shown, e);
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            // no reader outlives its command by more than the grace
            stop(stdout);
            stop(stderr);
            // a session that timed out before its command started has no alarm to close it
            if (session != null && (!timedOut.get() || alarm == null)) {
                // a command left unfinished (its check stopped, a read failed) must not run on on the host
                if (running != null && running.getExitStatus() == null && running.getExitSignal() == null) {
                    abort(session, running);
                } else {
                    closeQuietly(session);
                }
            }
            // a timed-out session is closed by the alarm, off this thread: the host may never confirm it
        }
    }

    /**
     * The command as a script for {@code sh -s}: in braces, so that the shell has read all of it
     * before it runs any, and with standard input from /dev/null, so that no command reads the
     * script as its input.
     */
    static String script(String line) {
        return "{\n" + line + "\n} </dev/null\n";
    }

    private static void stop(Future<CapturedOutput> reader) {
        if (reader != null) {
            reader.cancel(true);
        }
    }

    /** Whether a failure comes from the thread's interruption (a read's timeout is not one). */
    static boolean causedByInterrupt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof java.io.InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens a session, waiting while the server refuses one: OpenSSH frees a session slot only
     * once it has reaped the command's process, a moment after the channel closed, so a new session
     * can be refused although fewer than {@code MaxSessions} are open on our side.
     */
    private static Session startSession(SshTarget target, SSHClient client, String shown, Duration timeout, long deadline,
                                        AtomicReference<OpenFailException> refused) throws IOException, InterruptedException {
        long pause = 5;
        while (true) {
            try {
                return client.startSession();
            } catch (OpenFailException e) {
                refused.set(e);
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw refusedUntilTimeout(target, shown, timeout, e);
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        }
    }

    private static CouldNotCheckException refusedUntilTimeout(SshTarget target, String shown, Duration timeout,
                                                              OpenFailException refusal) {
        return new CouldNotCheckException(target.hostName(), "the server kept refusing a new session for "
                + Durations.format(timeout) + " (" + refusal.getMessage() + "): " + shown + ". Is MaxSessions in its"
                + " sshd_config below the default of 10, or is something else using this account's sessions?", refusal);
    }

    /** The deadline came before the command started: while the server refused sessions, that is why. */
    private static CouldNotCheckException startFailure(SshTarget target, SSHClient client, String shown, Duration timeout,
                                                       OpenFailException refusal, Exception cause) {
        return refusal != null ? refusedUntilTimeout(target, shown, timeout, refusal)
                : failure(target, client, shown, timeout, true, cause);
    }

    private static CouldNotCheckException failure(SshTarget target, SSHClient client, String shown, Duration timeout,
                                                  boolean timedOut, Exception cause) {
        if (timedOut) {
            return new CouldNotCheckException(target.hostName(), "command timed out after " + Durations.format(timeout)
                    + ": " + shown + " (raise commandTimeout for this host if it is expected to be slow)", cause);
        }
        if (connectionBroke(client, cause)) {
            return new CouldNotCheckException(target.hostName(), "connection to " + target.socketAddress()
                    + " was lost while running: " + shown + " (the host went down or restarted, or the network dropped)", cause);
        }
        String reason = cause == null ? "the command ended without an exit status"
                : (cause instanceof ExecutionException ? cause.getCause() : cause).toString();
        return new CouldNotCheckException(target.hostName(), "could not run: " + shown + " (" + reason + ")", cause);
    }

    private static boolean connectionBroke(SSHClient client, Exception cause) {
        if (!client.isConnected() || !client.getTransport().isRunning()) {
            return true;
        }
        // the transport notices a dead peer a moment after the channel does
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TransportException || t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The exit status, or 128 + the signal number for a command a signal ended, as a shell reports it. */
    private static Integer exitStatus(Session.Command command) {
        Integer status = command.getExitStatus();
        if (status == null && command.getExitSignal() != null) {
            return 128 + SIGNAL_NUMBERS.getOrDefault(command.getExitSignal(), 0);
        }
        return status;
    }

    private static void abort(Session session, Session.Command command) {
        try {
            // OpenSSH passes the signal on; closing alone would leave the command running on the host
            command.signal(Signal.KILL);
        } catch (IOException | RuntimeException e) {
            // the session may already be gone
        }
        closeQuietly(session);
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // nothing left to do with this session
        }
    }
}

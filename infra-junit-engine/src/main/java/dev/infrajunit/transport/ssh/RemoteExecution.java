package dev.infrajunit.transport.ssh;

import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.transport.output.CapturedOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;

/**
 * Runs a batch of commands, one after another, in one session. The session always executes the
 * same {@code sh -s}, and the commands travel as a script on its standard input
 * ({@link BatchScript}): OpenSSH hands the exec line to the login user's shell, which may be fish
 * or tcsh, where POSIX quoting means something else, while {@code sh} reads the script the same way
 * everywhere. The script frames each command's output on both streams; standard output is read
 * on the calling thread and standard error on a reader thread at once (they share one channel
 * window), each cut into the commands' parts with bounded memory ({@link CapturedOutput}).
 *
 * <p>Each command has its own deadline, counted from when the one before it ended. When the
 * command running passes it, prints more than a check reads, or its caller stops waiting, the
 * session is ended: that command alone fails, and the commands after it, which did not run, are
 * handed back to be sent again. Ending a session waits for the host's answer, so it happens off
 * this thread; a host that never confirms it would leave the reads waiting until the keep-alive
 * gives up, so they are stopped a moment after the deadline. Opening the session and starting the
 * script are bounded by the earliest deadline of the batch.
 */
final class RemoteExecution {

    private static final Map<Signal, Integer> SIGNAL_NUMBERS = Map.ofEntries(
            Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2), Map.entry(Signal.QUIT, 3), Map.entry(Signal.ILL, 4),
            Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8), Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10),
            Map.entry(Signal.SEGV, 11), Map.entry(Signal.USR2, 12), Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    /**
     * What every session executes; the commands come on its standard input. {@code exec}, so that
     * the login shell becomes {@code sh} instead of starting it and waiting for it: one shell a
     * session on the host, not two.
     */
    static final String SHELL = "exec sh -s";

    /** How long after a deadline output is still read: a responsive host ends the session well within this. */
    private static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How soon a batch's alarm rings again when it rang between one command's frame and the next one's start. */
    private static final long NEXT_COMMAND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** How long past a deadline SSHJ's own wait may last: the deadline's alarm ends it first, with the reason. */
    private static final long DEADLINE_MARGIN_MILLIS = 1000;

    private final ExecutorService readers;
    private final ScheduledExecutorService alarms;

    RemoteExecution(ExecutorService readers, ScheduledExecutorService alarms) {
        this.readers = readers;
        this.alarms = alarms;
    }

    /** Gathers a host's commands into batches that {@code run} runs, each on a thread of its own. */
    CommandBatcher batcher(long windowNanos, Consumer<List<QueuedCommand>> run) {
        return new CommandBatcher(windowNanos, alarms, readers, run);
    }

    /**
     * Runs the commands and answers each of them, except those that did not get to run because
     * the session was ended for a batch-mate: those are returned, to be sent again.
     */
    List<QueuedCommand> run(SshTarget target, SSHClient client, List<QueuedCommand> batch) {
        long startDeadline = batch.stream().mapToLong(QueuedCommand::deadline).min().orElseThrow();
        Thread runner = Thread.currentThread();
        AtomicBoolean startTimedOut = new AtomicBoolean();
        AtomicBoolean starting = new AtomicBoolean(true);
        AtomicReference<OpenFailException> refused = new AtomicReference<>();
        waitNoLessThan(client, startDeadline);
        // and this alarm wakes it at the deadline
        ScheduledFuture<?> startAlarm = alarms.schedule(() -> {
            synchronized (starting) {
                if (starting.get()) {
                    startTimedOut.set(true);
                    runner.interrupt();
                }
            }
        }, Math.max(0, startDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Session session = null;
        Session.Command command;
        String boundary = BatchScript.boundary();
        try {
            try {
                session = startSession(client, startDeadline, refused);
                command = session.exec(SHELL);
                try (OutputStream script = command.getOutputStream()) {
                    script.write(BatchScript.of(boundary, batch.stream().map(QueuedCommand::line).toList())
                            .getBytes(StandardCharsets.UTF_8));
                }
            } finally {
                synchronized (starting) {
                    starting.set(false);
                }
                startAlarm.cancel(false);
                if (startTimedOut.get()) {
                    // the interrupt was the deadline's, not the run's
                    Thread.interrupted();
                }
            }
            if (startTimedOut.get()) {
                throw new InterruptedException();
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            boolean timedOut = startTimedOut.get() || e instanceof OpenFailException;
            if (!timedOut && causedByInterrupt(e)) {
                Thread.currentThread().interrupt();
            }
            for (QueuedCommand queued : batch) {
                queued.fail(timedOut ? startFailure(target, client, queued.shown(), queued.timeout(), refused.get(), e)
                        : causedByInterrupt(e) ? interrupted(target, queued, e)
                        : failure(target, client, queued.shown(), queued.timeout(), false, e));
            }
            if (session != null) {
                closeQuietly(session);
            }
            return List.of();
        }
        return new Reading(target, client, session, command, batch, boundary, runner).read();
    }

    /** One session's script as it runs: which command is running, and why the session was ended, if it was. */
    private final class Reading {

        private final SshTarget target;
        private final SSHClient client;
        private final Session session;
        private final Session.Command command;
        private final List<QueuedCommand> batch;
        private final String boundary;
        private final Thread runner;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicBoolean drainStopped = new AtomicBoolean();
        private volatile QueuedCommand timedOut;
        /** The command whose stdout frame has not come yet; {@code batch.size()} once all came. */
        private volatile int running;
        /**
         * The session's one alarm, at the running command's deadline. One for each command, set at
         * its start and cancelled at its frame, would cost two timer operations per command; this
         * one, when it rings for a command that has ended, is set again for the command running then.
         */
        private ScheduledFuture<?> alarm;
        /** Guarded by {@code this}, with {@link #alarm}: the stream has ended, and the alarm is not set again. */
        private boolean readToTheEnd;
        /** Guards the runner's interrupt by the drain alarm: only while it reads. */
        private final Object reading = new Object();
        private boolean stillReading = true;
        private volatile Future<?> stderr;

        Reading(SshTarget target, SSHClient client, Session session, Session.Command command, List<QueuedCommand> batch,
                String boundary, Thread runner) {
            this.target = target;
            this.client = client;
            this.session = session;
            this.command = command;
            this.batch = batch;
            this.boundary = boundary;
            this.runner = runner;
        }

        List<QueuedCommand> read() {
            try {
                stderr = ThreadLimit.retrying(() -> readers.submit(this::readStderr));
            } catch (OutOfMemoryError e) {
                if (!ThreadLimit.reached(e)) {
                    throw e;
                }
                abort(session, command);
                batch.forEach(queued -> queued.failForLackOfThreads(e));
                return List.of();
            }
            Exception failure = null;
            try {
                startNext(0);
                FrameSplitter stdout = new FrameSplitter(boundary, new FrameSplitter.Listener() {
                    @Override
                    public void output(byte[] bytes, int offset, int length) {
                        if (running < batch.size()) {
                            QueuedCommand current = batch.get(running);
                            current.stdout(bytes, offset, length);
                            if (current.printedTooMuch()) {
                                // stopped as soon as it printed too much; the stream is read on to its end
                                end();
                            }
                        }
                    }

                    @Override
                    public void frame(String fields) {
                        // "index status", read once per command of every batch
                        int space = fields.indexOf(' ');
                        if (running < batch.size() && space > 0 && fields.indexOf(' ', space + 1) < 0
                                && fields.substring(0, space).equals(String.valueOf(running))) {
                            batch.get(running).exited(Integer.parseInt(fields, space + 1, fields.length(), 10));
                            startNext(running + 1);
                        }
                    }
                });
                pump(command.getInputStream(), stdout);
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                synchronized (reading) {
                    stillReading = false;
                }
                if (drainStopped.get()) {
                    Thread.interrupted();
                }
                synchronized (this) {
                    readToTheEnd = true;
                    if (alarm != null) {
                        alarm.cancel(false);
                    }
                }
            }
            awaitStderr(stderr);
            return settle(failure);
        }

        /** The command at {@code index} starts now, with its own deadline; at it, the session is ended. */
        private void startNext(int index) {
            if (index < batch.size()) {
                long deadline = batch.get(index).start(this::end);
                // started before it is the running one, so that the alarm never reads the deadline it had in the queue
                running = index;
                synchronized (this) {
                    if (alarm == null) {
                        setAlarm(deadline);
                    }
                }
            } else {
                running = index;
            }
        }

        /** Called holding {@code this}. */
        private void setAlarm(long deadline) {
            alarm = alarms.schedule(this::ring, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        private void ring() {
            QueuedCommand late;
            synchronized (this) {
                int index = running;
                if (readToTheEnd || index >= batch.size()) {
                    return;
                }
                QueuedCommand current = batch.get(index);
                long deadline = current.deadline();
                if (current.exited()) {
                    // its frame came, and the next command is about to start
                    setAlarm(System.nanoTime() + NEXT_COMMAND_NANOS);
                    return;
                }
                if (System.nanoTime() - deadline < 0) {
                    setAlarm(deadline);
                    return;
                }
                late = current;
            }
            timedOut = late;
            end();
            // a host that never confirms the end never ends the streams either
            alarms.schedule(this::stopReading, DRAIN_GRACE_NANOS, TimeUnit.NANOSECONDS);
        }

        private void readStderr() {
            int[] index = {0};
            FrameSplitter splitter = new FrameSplitter(boundary, new FrameSplitter.Listener() {
                @Override
                public void output(byte[] bytes, int offset, int length) {
                    if (index[0] < batch.size()) {
                        batch.get(index[0]).stderr(bytes, offset, length);
                    }
                }

                @Override
                public void frame(String fields) {
                    if (index[0] < batch.size() && fields.equals(String.valueOf(index[0]))) {
                        batch.get(index[0]++).stderrEnded();
                    }
                }
            });
            try {
                pump(command.getErrorStream(), splitter);
            } catch (IOException e) {
                // what standard error said so far stays with its command
            }
        }

        private void awaitStderr(Future<?> stderr) {
            if (drainStopped.get()) {
                // stopped with the runner: the host does not answer
                stderr.cancel(true);
                return;
            }
            try {
                stderr.get(DRAIN_GRACE_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // its commands keep what it read
            } finally {
                stderr.cancel(true);
            }
        }

        /** Answers what ran, fails the command that was running when the session ended, and hands back the rest. */
        private List<QueuedCommand> settle(Exception failure) {
            Integer shellStatus = null;
            if (failure == null && !ended.get()) {
                try {
                    command.join(DRAIN_GRACE_NANOS, TimeUnit.NANOSECONDS);
                } catch (IOException e) {
                    // no status, then
                }
                shellStatus = exitStatus(command);
            }
            for (int i = 0; i < Math.min(running, batch.size()); i++) {
                // standard error that could not be read to its frame: what came of it stays
                batch.get(i).endWith(0);
            }
            boolean stoppedByRun = failure != null && causedByInterrupt(failure) && !drainStopped.get();
            try {
                if (running >= batch.size()) {
                    return List.of();
                }
                QueuedCommand current = batch.get(running);
                List<QueuedCommand> rest = new ArrayList<>();
                if (current == timedOut) {
                    current.fail(RemoteExecution.failure(target, client, current.shown(), current.timeout(), true, null));
                } else if (current.printedTooMuch()) {
                    current.fail(CapturedOutput.tooLong(target.hostName(), current.shown()));
                } else if (current.abandoned()) {
                    // its caller has already said why
                } else if (ended.get() && !stoppedByRun) {
                    // ended for the command before it, just as this one began: it is sent again
                    current.newAttempt();
                    rest.add(current);
                } else if (stoppedByRun) {
                    current.fail(interrupted(target, current, failure));
                } else if (shellStatus != null) {
                    // the shell itself ended with this command (it was killed, or the command ended it): as before batches
                    current.endWith(shellStatus);
                } else {
                    current.fail(RemoteExecution.failure(target, client, current.shown(), current.timeout(), false, failure));
                }
                for (QueuedCommand queued : batch.subList(running + 1, batch.size())) {
                    if (stoppedByRun) {
                        queued.fail(interrupted(target, queued, failure));
                    } else if (!queued.settled()) {
                        queued.newAttempt();
                        rest.add(queued);
                    }
                }
                return rest;
            } finally {
                if (!ended.get()) {
                    closeQuietly(session);
                }
            }
        }

        /** Ends the session, off this thread: closing waits for the host's answer. */
        private void end() {
            if (ended.compareAndSet(false, true)) {
                try {
                    readers.execute(() -> abort(session, command));
                } catch (OutOfMemoryError e) {
                    if (!ThreadLimit.reached(e)) {
                        throw e;
                    }
                    // no thread to wait for the host's answer on: this one waits
                    abort(session, command);
                }
            }
        }

        private void stopReading() {
            synchronized (reading) {
                if (stillReading) {
                    drainStopped.set(true);
                    runner.interrupt();
                    stderr.cancel(true);
                }
            }
        }
    }

    /**
     * Reads a stream to its end into its splitter. It is closed only once read to its end: output
     * still arriving for a closed stream would end the connection the host's other checks share, so
     * one whose reading was stopped is left to the closing of its session.
     */
    private static void pump(InputStream in, FrameSplitter splitter) throws IOException {
        try {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                splitter.accept(buffer, 0, n);
            }
            in.close();
        } finally {
            splitter.finish();
        }
    }

    private static CouldNotCheckException interrupted(SshTarget target, QueuedCommand queued, Exception cause) {
        return new CouldNotCheckException(target.hostName(), "interrupted while running: " + queued.shown(), cause);
    }

    /** Whether a failure comes from the thread's interruption (a read's timeout is not one). */
    static boolean causedByInterrupt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SSHJ waits for a session and for the answer to the exec request up to the connection's
     * timeout, which is the connect timeout: a host slow to start a command (its PAM session setup
     * waiting on an unresponsive service, say) would fail sooner than the command's own timeout.
     * It is raised to reach past the deadline, never lowered, as the host's other sessions share it.
     */
    private static void waitNoLessThan(SSHClient client, long deadline) {
        Connection connection = client.getConnection();
        long past = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())) + DEADLINE_MARGIN_MILLIS;
        int needed = (int) Math.min(Integer.MAX_VALUE, past);
        synchronized (connection) {
            if (connection.getTimeoutMs() < needed) {
                connection.setTimeoutMs(needed);
            }
        }
    }

    /**
     * Opens a session, waiting while the server refuses one: OpenSSH frees a session slot only
     * once it has reaped the command's process, a moment after the channel closed, so a new session
     * can be refused although fewer than {@code MaxSessions} are open on our side.
     */
    private static Session startSession(SSHClient client, long deadline, AtomicReference<OpenFailException> refused)
            throws IOException, InterruptedException {
        long pause = 5;
        while (true) {
            try {
                return client.startSession();
            } catch (OpenFailException e) {
                refused.set(e);
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
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
            if (t instanceof TransportException || t instanceof SocketException || t instanceof EOFException) {
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

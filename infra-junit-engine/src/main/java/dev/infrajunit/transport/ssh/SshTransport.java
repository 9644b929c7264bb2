package dev.infrajunit.transport.ssh;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import net.schmizz.sshj.SSHClient;

/**
 * Commands for one host over one SSH connection, opened on first use and shared by all of the
 * host's checks. Opening happens once: if it fails, the failure is remembered for the rest of the
 * run, so twenty checks of a dead host fail at once instead of each waiting for the connect
 * timeout. A connection lost mid-run is opened again once. Commands asked for at about the same
 * moment go to the host as one batch in one session ({@link CommandBatcher}); concurrent sessions
 * are bounded below the server's session limit, and a batch waits for a free one within the
 * earliest timeout of its commands.
 */
final class SshTransport implements Transport {

    /** How long releasing the connection waits for sessions still closing. */
    private static final long SESSIONS_CLOSING_GRACE_MILLIS = 1_000;

    private final SshTarget target;
    private final boolean sudo;
    private final SshTransport jump;
    private final SshConnector connector;
    private final RemoteExecution execution;
    private final Semaphore sessions;
    private final int maxSessions;
    private final CommandBatcher batcher;
    private final Executor background;

    /** Held while the connection is looked at or opened; opening may take the whole connect timeout. */
    private final ReentrantLock lock = new ReentrantLock();
    private SSHClient client;
    private CouldNotCheckException failure;
    private boolean reopened;
    private volatile boolean closed;

    SshTransport(SshTarget target, boolean sudo, SshTransport jump, SshConnector connector, RemoteExecution execution,
                 int maxSessions, long batchWindowNanos, Executor background) {
        this.target = target;
        this.sudo = sudo;
        this.jump = jump;
        this.connector = connector;
        this.execution = execution;
        this.maxSessions = maxSessions;
        this.sessions = new Semaphore(maxSessions, true);
        this.batcher = execution.batcher(batchWindowNanos, this::runBatch);
        this.background = background;
    }

    String hostName() {
        return target.hostName();
    }

    SshTarget target() {
        return target;
    }

    @Override
    public CommandResult execute(Command command, Duration timeout) {
        // connecting happens here, so a host that cannot be reached fails its callers at once
        client();
        QueuedCommand queued = new QueuedCommand(hostName(), command.line(), lineFor(command), timeout);
        batcher.add(queued);
        try {
            return queued.result().get();
        } catch (InterruptedException e) {
            queued.abandon();
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(hostName(), "interrupted while running: " + command.line(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new CouldNotCheckException(hostName(), "could not run: " + command.line() + " (" + e.getCause() + ")", e.getCause());
        } finally {
            batcher.answered();
        }
    }

    /** Where the run says how many of this host's checks have not finished: a batch need not wait for more. */
    void checksLeft(IntSupplier left) {
        batcher.checksLeft(left);
    }

    /** One of this host's checks waits for a fact that another is fetching (+1), or has it (-1). */
    void waitingForFact(int change) {
        batcher.waitingForFact(change);
    }

    /** One of this host's checks finished. */
    void checkFinished() {
        batcher.checkFinished();
    }

    /** Runs a batch in sessions of this host's connection until each of its commands is answered or failed. */
    private void runBatch(List<QueuedCommand> batch) {
        List<QueuedCommand> left = batch;
        try {
            while (!(left = left.stream().filter(queued -> !queued.settled()).toList()).isEmpty()) {
                left = runInOneSession(left);
            }
        } catch (RuntimeException | Error e) {
            for (QueuedCommand queued : left) {
                queued.fail(new CouldNotCheckException(hostName(), "could not run: " + queued.shown() + " (" + e + ")", e));
            }
            throw e;
        }
    }

    private List<QueuedCommand> runInOneSession(List<QueuedCommand> batch) {
        SSHClient connected;
        try {
            connected = client();
        } catch (CouldNotCheckException e) {
            batch.forEach(queued -> queued.fail(new CouldNotCheckException(hostName(), e.problem(), e)));
            return List.of();
        }
        long deadline = batch.stream().mapToLong(QueuedCommand::deadline).min().orElseThrow();
        try {
            if (!sessions.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                batch.forEach(queued -> queued.fail(new CouldNotCheckException(hostName(), "command timed out after "
                        + Durations.format(queued.timeout()) + " waiting for a free session (" + maxSessions
                        + " sessions were running on this host): " + queued.shown()
                        + " (raise commandTimeout for this host if it is expected to be slow)")));
                return List.of();
            }
        } catch (InterruptedException e) {
            batch.forEach(queued -> queued.fail(new CouldNotCheckException(hostName(), "interrupted while waiting to run: "
                    + queued.shown(), e)));
            return List.of();
        }
        try {
            return execution.run(target, connected, batch);
        } finally {
            sessions.release();
        }
    }

    /** Connects on another thread; a failure is remembered and reported to the first command, as if it had connected. */
    @Override
    public void prepare() {
        try {
            background.execute(() -> {
                try {
                    client();
                } catch (CouldNotCheckException e) {
                    // the host's first command says so
                }
            });
        } catch (RejectedExecutionException e) {
            // the run is over
        } catch (OutOfMemoryError e) {
            if (!ThreadLimit.reached(e)) {
                throw e;
            }
            // at the process's thread limit nothing is done ahead: the first command connects
            ThreadLimit.refused();
        }
    }

    /** A privileged command runs through {@code sudo -n} (never prompting) where the host allows it. */
    private String lineFor(Command command) {
        return command.isPrivileged() && sudo ? "sudo -n sh -c " + Command.quote(command.line()) : command.line();
    }

    /** The connected client, opening it if this is the first use. */
    SSHClient client() {
        SSHClient connected;
        try {
            // interruptible: a check stopped at its timeout must not stay waiting for another's connect
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stoppedWhileConnecting(e);
        }
        try {
            connected = connectedClient();
        } finally {
            lock.unlock();
        }
        if (closed) {
            // the run ended while this thread held the lock, so close() may have left the client to it
            close();
            throw runOver();
        }
        return connected;
    }

    private SSHClient connectedClient() {
        if (closed) {
            closeClient();
            throw runOver();
        }
        if (client != null && client.isConnected()) {
            return client;
        }
        if (failure != null) {
            throw new CouldNotCheckException(hostName(), failure.problem(), failure);
        }
        if (client != null) {
            SshConnector.closeQuietly(client);
            client = null;
            if (reopened) {
                failure = new CouldNotCheckException(hostName(), "the connection to " + target.socketAddress()
                        + " was lost twice during this run; not connecting again until the next run");
                throw failure;
            }
            reopened = true;
        }
        try {
            client = connector.open(target, jump);
            return client;
        } catch (CouldNotCheckException e) {
            if (interrupted(e)) {
                // The check was stopped, not the host: the next check connects afresh.
                throw stoppedWhileConnecting(e);
            }
            if (!ThreadLimit.reached(e)) {
                // the process's thread limit is a moment of this run, not the host's fault: the next check tries again
                failure = e;
            }
            throw e;
        }
    }

    private CouldNotCheckException stoppedWhileConnecting(Exception cause) {
        return new CouldNotCheckException(hostName(), "interrupted while connecting to " + target.socketAddress()
                + "; the check was stopped (by its timeout, or the run was cancelled) before the connection was made", cause);
    }

    /**
     * SSHJ turns an interrupt into a failed handshake or a refused login (and interrupts the thread
     * again), so the thread's flag, not the message, tells a stopped check from a failing host.
     */
    private static boolean interrupted(Throwable failure) {
        return Thread.currentThread().isInterrupted() || RemoteExecution.causedByInterrupt(failure);
    }

    /**
     * Closes the connection unless another thread is just opening it; the next command opens it
     * again, which is not counted as a lost connection.
     */
    @Override
    public void release() {
        if (lock.tryLock()) {
            try {
                awaitSessionsClosed();
                closeClient();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Never waits for a thread that is opening the connection (that can take the connect timeout):
     * if one holds the lock, it closes what it opened as soon as it lets go of the lock.
     */
    @Override
    public void close() {
        closed = true;
        if (lock.tryLock()) {
            try {
                closeClient();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A batch answers its commands before the host has confirmed the end of their session;
     * disconnecting meanwhile would wake SSHJ's wait for that confirmation with an error, which
     * SSHJ logs. A host that answers confirms within a round trip; one that does not is not waited
     * for longer than a moment.
     */
    private void awaitSessionsClosed() {
        try {
            if (sessions.tryAcquire(maxSessions, SESSIONS_CLOSING_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                sessions.release(maxSessions);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClient() {
        if (client != null) {
            SshConnector.closeQuietly(client);
            client = null;
        }
    }

    private CouldNotCheckException runOver() {
        return new CouldNotCheckException(hostName(), "the run is over: its connection to " + target.socketAddress() + " is closed");
    }
}

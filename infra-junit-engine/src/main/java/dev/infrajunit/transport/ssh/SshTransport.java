package dev.infrajunit.transport.ssh;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.spi.Transport;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.schmizz.sshj.SSHClient;

/**
 * Commands for one host over one SSH connection, opened on first use and shared by all of the
 * host's checks. Opening happens once: if it fails, the failure is remembered for the rest of the
 * run, so twenty checks of a dead host fail at once instead of each waiting for the connect
 * timeout. A connection lost mid-run is opened again once. Concurrent commands are bounded below
 * the server's session limit; the rest wait for a free session within their own timeout.
 */
final class SshTransport implements Transport {

    private final SshTarget target;
    private final boolean sudo;
    private final SshTransport jump;
    private final SshConnector connector;
    private final RemoteExecution execution;
    private final Semaphore sessions;
    private final int maxSessions;

    /** Held while the connection is looked at or opened; opening may take the whole connect timeout. */
    private final ReentrantLock lock = new ReentrantLock();
    private SSHClient client;
    private CouldNotCheckException failure;
    private boolean reopened;
    private volatile boolean closed;

    SshTransport(SshTarget target, boolean sudo, SshTransport jump, SshConnector connector, RemoteExecution execution,
                 int maxSessions) {
        this.target = target;
        this.sudo = sudo;
        this.jump = jump;
        this.connector = connector;
        this.execution = execution;
        this.maxSessions = maxSessions;
        this.sessions = new Semaphore(maxSessions, true);
    }

    String hostName() {
        return target.hostName();
    }

    SshTarget target() {
        return target;
    }

    @Override
    public CommandResult execute(Command command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SSHClient connected = client();
        try {
            if (!sessions.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new CouldNotCheckException(hostName(), "command timed out after " + Durations.format(timeout)
                        + " waiting for a free session (" + maxSessions + " commands were running on this host): "
                        + command.line() + " (raise commandTimeout for this host if it is expected to be slow)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(hostName(), "interrupted while waiting to run: " + command.line(), e);
        }
        try {
            return execution.run(target, connected, command.line(), lineFor(command), timeout, deadline);
        } finally {
            sessions.release();
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
            throw new CouldNotCheckException(hostName(), failure.getMessage().substring(hostName().length() + 2), failure);
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

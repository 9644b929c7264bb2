package dev.infrajunit.transport.ssh;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.ThreadLimit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.transport.TransportException;

/** Opens one authenticated SSHJ connection to a target, directly or through a jump host's connection. */
final class SshConnector {

    private final Config config;
    private final Authenticator authenticator;
    private final HostKeyWarnings warnings;
    private final SshOptions options;
    private final ScheduledExecutorService alarms;
    private final ExecutorService lookups;
    private final Map<Path, KnownHostsFile> knownHostsFiles = new ConcurrentHashMap<>();

    SshConnector(Config config, Authenticator authenticator, HostKeyWarnings warnings, SshOptions options,
                 ScheduledExecutorService alarms, ExecutorService lookups) {
        this.config = config;
        this.alarms = alarms;
        this.lookups = lookups;
        this.authenticator = authenticator;
        this.warnings = warnings;
        this.options = options;
    }

    /**
     * A connected, authenticated client.
     *
     * @param jump the jump host's transport, or null to connect directly
     */
    SSHClient open(SshTarget target, SshTransport jump) {
        // a connection starts threads of its own: at the process's thread limit it is tried again, as others end
        long deadline = System.nanoTime() + target.connectTimeout().toNanos();
        try {
            return ThreadLimit.retrying(() -> attempt(target, jump), deadline);
        } catch (OutOfMemoryError e) {
            if (!ThreadLimit.reached(e)) {
                throw e;
            }
            throw new CouldNotCheckException(target.hostName(), "could not connect to " + target.socketAddress() + ": no"
                    + " thread could be started for the connection (" + e.getMessage() + "); " + ThreadLimit.ADVICE, e);
        }
    }

    private SSHClient attempt(SshTarget target, SshTransport jump) {
        SSHClient client = new SSHClient(config);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis());
        client.setConnectTimeout(timeoutMs);
        client.setSocketFactory(NoDelaySocketFactory.INSTANCE);
        // SSHJ reads the server's greeting with no timeout of its own: a port that accepts but
        // never speaks SSH would hang the check. Lifted once connected.
        client.setTimeout(timeoutMs);
        // Bounds the handshake and every wait for a reply (SSHJ's own default is 30 s).
        client.getTransport().setTimeoutMs(timeoutMs);
        client.getConnection().setTimeoutMs(timeoutMs);
        KeepAlive keepAlive = client.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval((int) Math.max(1, options.keepAliveInterval().toSeconds()));
        if (keepAlive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(options.keepAliveMaxMissed());
        }
        HostKeyPolicy hostKeys = new HostKeyPolicy(target.hostName(), target.hostKeyChecking(),
                target.knownHosts().stream().map(file -> knownHostsFiles.computeIfAbsent(file, KnownHostsFile::new)).toList(),
                warnings, target.hostKeyAlias());
        client.addHostKeyVerifier(hostKeys);

        ProxyCommandSocket proxy = null;
        try {
            if (jump == null && target.proxyCommand().isPresent()) {
                proxy = ProxyCommandSocket.start(target.proxyCommand().get(), target.address(), target.port(), target.user(),
                        target.alias());
                connectThroughCommand(client, proxy, timeoutMs);
            } else if (jump == null) {
                connectDirectly(client, target, timeoutMs);
            } else {
                connectThrough(client, tunnel(target, jump), timeoutMs);
            }
            authenticator.authenticate(client, target);
            return client;
        } catch (CouldNotCheckException e) {
            closeQuietly(client);
            throw e;
        } catch (IOException | RuntimeException e) {
            CouldNotCheckException failure = proxy != null && hostKeys.refusal().isEmpty()
                    ? proxyFailure(target, proxy, e) : connectFailure(target, client, jump, e, hostKeys);
            // SSHJ's disconnect of a half-made connection waits on its own timeouts: the check need not
            closeAside(client);
            throw failure;
        } catch (OutOfMemoryError e) {
            closeQuietly(client);
            throw e;
        }
    }

    /**
     * Name lookup, TCP connect and the SSH greeting together take at most the connect timeout: a
     * per-read timeout alone never ends a port that keeps sending lines but never its greeting (a
     * tarpit), so a watchdog closes the socket at the deadline.
     */
    private void connectDirectly(SSHClient client, SshTarget target, int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        // the connect below looks the name up again, and finds it in the JVM's cache
        resolve(target, deadline);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = alarms.schedule(() -> {
            expired.set(true);
            Socket socket = client.getSocket();
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException | RuntimeException e) {
                    // already closed
                }
            }
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            client.setConnectTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            client.connect(target.address(), target.port());
            // connected: from now on idle is normal, and the keep-alive watches the peer
            client.getSocket().setSoTimeout(0);
            client.setTimeout(0);
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                throw new SocketTimeoutException("no SSH greeting within " + timeoutMs + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        if (expired.get()) {
            throw new SocketTimeoutException("no SSH greeting within " + timeoutMs + " ms");
        }
    }

    /** The system resolver has no timeout of its own: the lookup runs aside, and is given up at the deadline. */
    private void resolve(SshTarget target, long deadline) throws IOException {
        CompletableFuture<InetAddress> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(target.address());
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, lookups);
        try {
            lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new NameLookupTimeout(target.address());
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up " + target.address());
        }
    }

    /** The name lookup took the whole connect timeout. */
    static final class NameLookupTimeout extends IOException {
        NameLookupTimeout(String address) {
            super("no answer from the name resolver for " + address);
        }
    }

    /** The proxy command's pipe cannot time out: the handshake is bounded by ending the command. */
    private void connectThroughCommand(SSHClient client, ProxyCommandSocket proxy, int timeoutMs) throws IOException {
        client.setSocketFactory(new ConnectedSocketFactory(proxy));
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = alarms.schedule(() -> {
            expired.set(true);
            proxy.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            client.connect(proxy.getInetAddress().getHostName(), proxy.getPort());
        } catch (IOException e) {
            if (expired.get()) {
                throw new SocketTimeoutException("no SSH handshake through the proxy command within " + timeoutMs + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static CouldNotCheckException proxyFailure(SshTarget target, ProxyCommandSocket proxy, Exception e) {
        proxy.awaitExit();
        String problem = isTimeout(e) ? "no SSH handshake within " + Durations.format(target.connectTimeout())
                + " (ssh.connectTimeout)"
                : proxy.ended() ? "it ended before the SSH handshake was over"
                : rootCause(e).getClass().getSimpleName() + ": " + rootCause(e).getMessage();
        return new CouldNotCheckException(target.hostName(), "could not connect to " + target.socketAddress() + " through "
                + proxy.describe() + ": " + problem + ". Check the ProxyCommand in the SSH client configuration", e);
    }
    /** Over a tunnel there is no socket timeout: the handshake is bounded by closing the tunnel. */
    private void connectThrough(SSHClient client, DirectConnection tunnel, int timeoutMs) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = alarms.schedule(() -> {
            expired.set(true);
            try {
                tunnel.close();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            client.connectVia(tunnel);
        } catch (IOException e) {
            if (expired.get()) {
                throw new SocketTimeoutException("no SSH handshake through the tunnel within " + timeoutMs + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static DirectConnection tunnel(SshTarget target, SshTransport jump) throws IOException {
        SSHClient jumpClient;
        try {
            jumpClient = jump.client();
        } catch (CouldNotCheckException e) {
            throw new CouldNotCheckException(target.hostName(), "could not reach the jump host: " + e.getMessage(), e);
        }
        try {
            return jumpClient.newDirectConnection(target.address(), target.port());
        } catch (OpenFailException e) {
            throw new CouldNotCheckException(target.hostName(), "the jump host " + jump.hostName() + " could not open a"
                    + " connection to " + target.socketAddress() + " (" + e.getReason() + ": " + e.getMessage()
                    + "). Check the address and port, and that the jump host allows TCP forwarding (AllowTcpForwarding)", e);
        }
    }

    private static CouldNotCheckException connectFailure(SshTarget target, SSHClient client, SshTransport jump, Exception e,
                                                         HostKeyPolicy hostKeys) {
        String host = target.hostName();
        if (hostKeys.refusal().isPresent()) {
            return new CouldNotCheckException(host, hostKeys.refusal().get(), e);
        }
        String via = jump == null ? "" : " (through the jump host " + jump.hostName() + ")";
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException) {
            return new CouldNotCheckException(host, "connection refused by " + target.socketAddress() + via
                    + ": nothing listens on that port. Check that sshd runs on the host and that ssh.port is right", e);
        }
        if (isTimeout(e) && connectionWasAccepted(client, jump)) {
            return new CouldNotCheckException(host, target.socketAddress() + via + " accepted the connection but did not"
                    + " complete the SSH handshake within " + Durations.format(target.connectTimeout())
                    + " (ssh.connectTimeout): is an SSH server listening on that port?", e);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException) {
            return new CouldNotCheckException(host, "unreachable: no answer from " + target.socketAddress() + via
                    + " within " + Durations.format(target.connectTimeout()) + " (ssh.connectTimeout). Check that the host"
                    + " is up and that its address and port are right; a firewall may be dropping the connection", e);
        }
        if (cause instanceof NameLookupTimeout) {
            return new CouldNotCheckException(host, "cannot resolve the address '" + target.address() + "': the name"
                    + " resolver did not answer within " + Durations.format(target.connectTimeout())
                    + " (ssh.connectTimeout). Check the host's DNS, or give its IP address", e);
        }
        if (cause instanceof UnknownHostException) {
            return new CouldNotCheckException(host, "cannot resolve the address '" + target.address()
                    + "': check the host's address (or its HostName in ~/.ssh/config)", e);
        }
        if (e instanceof TransportException te && te.getDisconnectReason() != DisconnectReason.UNKNOWN) {
            return new CouldNotCheckException(host, "the SSH server at " + target.socketAddress() + via
                    + " ended the connection during the handshake (" + te.getDisconnectReason() + ": " + e.getMessage() + ")", e);
        }
        return new CouldNotCheckException(host, "could not connect to " + target.socketAddress() + via + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
    }

    /** Through a tunnel, or over a socket that got connected: the TCP part worked. */
    private static boolean connectionWasAccepted(SSHClient client, SshTransport jump) {
        return jump != null || client.getSocket() != null && client.getSocket().isConnected();
    }

    private static boolean isTimeout(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t.getMessage() != null && t.getMessage().contains("Timeout expired")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void closeAside(SSHClient client) {
        try {
            lookups.execute(() -> closeQuietly(client));
        } catch (RuntimeException | OutOfMemoryError e) {
            closeQuietly(client);
        }
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // the connection is gone either way
        }
    }
}

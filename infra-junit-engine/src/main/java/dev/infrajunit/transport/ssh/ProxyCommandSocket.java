package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The connection to a host reached through {@code ProxyCommand}: the command runs in a shell, as
 * OpenSSH runs it, and its standard input and output carry the SSH connection. Handed to SSHJ as a
 * socket that is connected from the start, so SSHJ neither resolves nor dials the host itself.
 * A pipe cannot time out: the connector closes this socket when the handshake takes too long.
 */
final class ProxyCommandSocket extends Socket {

    private static final int STDERR_KEPT = 2048;

    private final Process process;
    private final String command;
    private final String host;
    private final int port;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread drain;
    private volatile boolean closed;
    private int soTimeout;

    private ProxyCommandSocket(Process process, String command, String host, int port) {
        this.process = process;
        this.command = command;
        this.host = host;
        this.port = port;
        this.drain = new Thread(this::keepStderr, "infra-ssh-proxy-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts {@code proxyCommand} with its tokens expanded: {@code %h} the host, {@code %p} the port,
     * {@code %r} the user, {@code %n} the name as given before {@code HostName} applied, {@code %%} a percent sign.
     */
    static ProxyCommandSocket start(String proxyCommand, String host, int port, String user, String alias) throws IOException {
        String command = expand(proxyCommand, host, port, user, alias);
        Process process = new ProcessBuilder("/bin/sh", "-c", "exec " + command).start();
        return new ProxyCommandSocket(process, command, host, port);
    }

    static String expand(String proxyCommand, String host, int port, String user, String alias) {
        StringBuilder expanded = new StringBuilder();
        for (int i = 0; i < proxyCommand.length(); i++) {
            char c = proxyCommand.charAt(i);
            if (c != '%' || i + 1 == proxyCommand.length()) {
                expanded.append(c);
                continue;
            }
            char token = proxyCommand.charAt(++i);
            switch (token) {
                case 'h' -> expanded.append(host);
                case 'p' -> expanded.append(port);
                case 'r' -> expanded.append(user);
                case 'n' -> expanded.append(alias);
                case '%' -> expanded.append('%');
                default -> expanded.append('%').append(token);
            }
        }
        return expanded.toString();
    }

    /** The command as it ran, and what it said on its standard error, for messages. */
    String describe() {
        String said;
        synchronized (stderr) {
            said = stderr.toString().strip();
        }
        String status = process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
        return "ProxyCommand '" + command + "'" + status + (said.isEmpty() ? "" : " said: " + said);
    }

    private void keepStderr() {
        byte[] buffer = new byte[512];
        try (InputStream in = process.getErrorStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                synchronized (stderr) {
                    if (stderr.length() < STDERR_KEPT) {
                        stderr.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the command ended
        }
    }

    /** Waits briefly for the command to end, so that its exit status and last words can be told. */
    void awaitExit() {
        try {
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                drain.join(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean ended() {
        return !process.isAlive();
    }

    @Override
    public InputStream getInputStream() {
        return process.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return process.getOutputStream();
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
        // connected when the command started
    }

    /** The host by name only: no address is looked up for a host only the proxy command may reach. */
    @Override
    public InetAddress getInetAddress() {
        try {
            return InetAddress.getByAddress(host, new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public synchronized void setSoTimeout(int timeout) {
        soTimeout = timeout;
    }

    @Override
    public synchronized int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public synchronized void close() {
        closed = true;
        process.destroy();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the command is gone either way
        }
    }
}

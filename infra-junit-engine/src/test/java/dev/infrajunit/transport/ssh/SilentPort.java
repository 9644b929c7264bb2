package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports that misbehave the way real networks do. {@link #unanswered()} never completes
 * a TCP handshake: its listen queue is full, so Linux drops further SYNs, as a firewall would.
 * {@link #mute()} accepts connections and then says nothing, as a non-SSH service might.
 */
final class SilentPort implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private Thread acceptor;

    private SilentPort() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    static SilentPort unanswered() throws IOException {
        SilentPort port = new SilentPort();
        // fill the accept queue (backlog 1 holds two); connects beyond it time out
        for (int i = 0; i < 4; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.port()), 300);
            } catch (IOException e) {
                // this one found the queue full already
            }
            port.held.add(filler);
        }
        return port;
    }

    static SilentPort mute() throws IOException {
        SilentPort port = new SilentPort();
        port.acceptor = new Thread(() -> {
            try {
                while (!port.server.isClosed()) {
                    Socket accepted = port.server.accept();
                    synchronized (port.held) {
                        port.held.add(accepted);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "mute-port");
        port.acceptor.setDaemon(true);
        port.acceptor.start();
        return port;
    }

    /** A loopback port nobody listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}

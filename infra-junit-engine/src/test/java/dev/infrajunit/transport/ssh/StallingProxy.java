package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback in front of a server, which can {@link #stall()}: from then on it passes
 * nothing on in either direction but keeps every connection open, as a host that froze, or a
 * network path that silently drops everything, would.
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetAddress;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean stalled;

    private StallingProxy(String targetAddress, int targetPort) throws IOException {
        this.targetAddress = targetAddress;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("stalling-proxy", this::accept);
    }

    static StallingProxy to(String address, int port) throws IOException {
        return new StallingProxy(address, port);
    }

    int port() {
        return listener.getLocalPort();
    }

    void stall() {
        stalled = true;
    }

    private void accept() {
        try {
            while (!listener.isClosed()) {
                Socket client = listener.accept();
                Socket server = new Socket(targetAddress, targetPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                daemon("stalling-proxy-up", () -> relay(client, server));
                daemon("stalling-proxy-down", () -> relay(server, client));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!stalled) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}

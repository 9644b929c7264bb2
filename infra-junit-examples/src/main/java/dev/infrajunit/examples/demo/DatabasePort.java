package dev.infrajunit.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The port a demo database host's SQL server listens on. No SQL server runs in the demo: this
 * listener takes each connection and closes it, which is all that reaching a database asks of it.
 */
final class DatabasePort implements AutoCloseable {

    private final ServerSocket listening;
    private final Thread acceptor;

    private DatabasePort(ServerSocket listening) {
        this.listening = listening;
        this.acceptor = new Thread(this::acceptUntilClosed, "demo-database-port-" + listening.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static DatabasePort open() {
        try {
            return new DatabasePort(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a database port for the demo on loopback", e);
        }
    }

    int port() {
        return listening.getLocalPort();
    }

    private void acceptUntilClosed() {
        while (!listening.isClosed()) {
            try (Socket connection = listening.accept()) {
                // reached: nothing more to say
            } catch (IOException e) {
                // closed while waiting, or a client that went away at once
            }
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

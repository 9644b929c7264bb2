package dev.infrajunit.transport.ssh;

import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/** Hands SSHJ one socket that is already connected (SSHJ then skips dialling), and refuses any other. */
final class ConnectedSocketFactory extends SocketFactory {

    private final Socket socket;

    ConnectedSocketFactory(Socket socket) {
        this.socket = socket;
    }

    @Override
    public Socket createSocket() {
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("connected already");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("connected already");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("connected already");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("connected already");
    }
}

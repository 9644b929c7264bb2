package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * An ssh-agent socket that stops answering, as a hung agent does, or one that waits for a
 * confirmation nobody gives. {@link #silent} accepts connections and never answers anything;
 * {@link #neverSigns} lists one key, then never answers a request to sign with it.
 */
final class StallingAgent implements AutoCloseable {

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;

    private final Path socket;
    private final ServerSocketChannel server;
    private final byte[] identitiesAnswer;
    private final List<SocketChannel> held = new ArrayList<>();

    private StallingAgent(Path socket, byte[] identitiesAnswer) throws IOException {
        this.socket = socket;
        this.identitiesAnswer = identitiesAnswer;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "stalling-agent");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static StallingAgent silent(Path socket) throws IOException {
        return new StallingAgent(socket, null);
    }

    static StallingAgent neverSigns(Path socket, PublicKey key) throws IOException {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        byte[] body = new Buffer.PlainBuffer().putByte(IDENTITIES_ANSWER).putUInt32(1).putBytes(blob)
                .putString("stalling-agent-key").getCompactData();
        return new StallingAgent(socket, new Buffer.PlainBuffer().putBytes(body).getCompactData());
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        try {
            while (server.isOpen()) {
                SocketChannel client = server.accept();
                synchronized (held) {
                    held.add(client);
                }
                if (identitiesAnswer != null) {
                    Thread serving = new Thread(() -> answerListingOnly(client), "stalling-agent-client");
                    serving.setDaemon(true);
                    serving.start();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** One request per connection, as clients of the agent send; only a listing gets an answer. */
    private void answerListingOnly(SocketChannel client) {
        try {
            ByteBuffer length = ByteBuffer.allocate(4);
            while (length.hasRemaining()) {
                if (client.read(length) < 0) {
                    return;
                }
            }
            ByteBuffer request = ByteBuffer.allocate(length.flip().getInt());
            while (request.hasRemaining()) {
                if (client.read(request) < 0) {
                    return;
                }
            }
            if (request.get(0) == REQUEST_IDENTITIES) {
                client.write(ByteBuffer.wrap(identitiesAnswer));
            }
            // anything else, above all a request to sign, is left unanswered with the connection open
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (SocketChannel client : held) {
                client.close();
            }
        }
        Files.deleteIfExists(socket);
    }
}

package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * The client side of the ssh-agent protocol (draft-miller-ssh-agent): listing the agent's keys and
 * asking it to sign, over the agent's Unix socket. Each request has a connection of its own, so
 * one stalled request never holds up another. Reads have no time limit of their own; callers bound
 * them (see {@link SshAgent}) and {@link #close} ends a request that is waited on no longer.
 */
final class AgentClient implements AutoCloseable {

    /** Flags of a sign request: which hash an RSA key's signature uses (RFC 8332). */
    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;

    private static final byte FAILURE = 5;
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    /** OpenSSH's own limit for one agent message; a longer length means the peer is not an agent. */
    private static final int MAX_MESSAGE = 256 * 1024;

    /** A key the agent holds: its public key blob and the comment it was added with. */
    record Identity(byte[] blob, String comment) {

        /** The key's type as the blob names it, such as {@code ssh-ed25519} or {@code ssh-rsa}. */
        String type() {
            try {
                return new Buffer.PlainBuffer(blob).readString();
            } catch (Buffer.BufferException e) {
                return "(unreadable key)";
            }
        }
    }

    private final SocketChannel channel;

    private AgentClient(SocketChannel channel) {
        this.channel = channel;
    }

    static AgentClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new AgentClient(channel);
    }

    List<Identity> identities() throws IOException {
        Buffer.PlainBuffer answer = call(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES), IDENTITIES_ANSWER, "list its keys");
        try {
            long count = answer.readUInt32();
            List<Identity> identities = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                identities.add(new Identity(answer.readBytes(), answer.readString()));
            }
            return identities;
        } catch (Buffer.BufferException e) {
            throw new IOException("the agent's list of keys is malformed: " + e.getMessage(), e);
        }
    }

    /** The signature blob (algorithm name and signature) of {@code data}, made with the key {@code blob}. */
    byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer request = new Buffer.PlainBuffer().putByte(SIGN_REQUEST).putBytes(blob).putBytes(data)
                .putUInt32(flags);
        Buffer.PlainBuffer answer = call(request, SIGN_RESPONSE, "sign");
        try {
            return answer.readBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("the agent's signature is malformed: " + e.getMessage(), e);
        }
    }

    private Buffer.PlainBuffer call(Buffer.PlainBuffer request, byte expected, String what) throws IOException {
        byte[] body = request.getCompactData();
        ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        int length = readFully(ByteBuffer.allocate(4)).getInt();
        if (length < 1 || length > MAX_MESSAGE) {
            throw new IOException("the agent answered a message of " + length + " bytes; is SSH_AUTH_SOCK an ssh-agent?");
        }
        ByteBuffer message = readFully(ByteBuffer.allocate(length));
        byte type = message.get();
        if (type == expected) {
            byte[] rest = new byte[message.remaining()];
            message.get(rest);
            return new Buffer.PlainBuffer(rest);
        }
        throw new IOException(type == FAILURE ? "the agent refused to " + what
                : "the agent answered message type " + type + " when asked to " + what);
    }

    private ByteBuffer readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the agent closed the connection without answering");
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

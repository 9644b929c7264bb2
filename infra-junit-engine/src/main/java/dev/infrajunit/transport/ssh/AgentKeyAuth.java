package dev.infrajunit.transport.ssh;

import com.hierynomus.sshj.key.KeyAlgorithm;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * Public key authentication (RFC 4252, section 7) with a key the ssh-agent holds. The agent's
 * answer is bounded, and a missing one fails this key only: SSHJ waits for a login under a lock
 * its reader thread needs too, so an unbounded wait would stall the connection for good.
 * An RSA key is offered with the signature algorithms the server announced (RFC 8332:
 * {@code rsa-sha2-512}, then {@code rsa-sha2-256}), and the agent is asked for the same hash;
 * OpenSSH 8.8 and newer refuse the SHA-1 {@code ssh-rsa} signatures an agent makes by default.
 */
final class AgentKeyAuth extends AbstractAuthMethod {

    private final SshAgent.Keys agent;
    /** The key offered to the server: the agent's key, or a certificate of it. */
    private final byte[] blob;
    private final String keyType;
    /** The key the agent signs with. */
    private final byte[] signingBlob;
    /** The signature algorithms not yet tried for this key, most preferred first. */
    private Deque<String> algorithms;
    private String algorithm;

    AgentKeyAuth(SshAgent.Keys agent, AgentClient.Identity identity) {
        this(agent, identity.blob(), identity.type(), identity.blob());
    }

    /**
     * Offers {@code blob}, a key of type {@code keyType}, with the agent's signature by the key
     * {@code signingBlob}: a user certificate from a file, whose private key only the agent holds.
     */
    AgentKeyAuth(SshAgent.Keys agent, byte[] blob, String keyType, byte[] signingBlob) {
        super("publickey");
        this.agent = agent;
        this.blob = blob;
        this.keyType = keyType;
        this.signingBlob = signingBlob;
    }

    /** The query whether the server would accept this key, sent before any signature is asked for. */
    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        if (agent.skipped()) {
            throw new UserAuthException("the ssh-agent is skipped: it did not answer in time");
        }
        if (algorithms == null) {
            algorithms = new ArrayDeque<>(signatureAlgorithms());
        }
        algorithm = algorithms.isEmpty() ? keyType : algorithms.poll();
        return request(false);
    }

    /** Another algorithm for the same key, when the server refused the last one. */
    @Override
    public boolean shouldRetry() {
        return algorithms != null && !algorithms.isEmpty() && !agent.skipped();
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        // the server would accept the key: prove that we hold it
        SSHPacket signed = request(true);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(signed)
                .getCompactData();
        params.getTransport().write(signed.putBytes(agent.sign(signingBlob, data, flags(algorithm))));
    }

    private List<String> signatureAlgorithms() {
        KeyType type = KeyType.fromString(keyType);
        if (type == KeyType.UNKNOWN) {
            return List.of(keyType);
        }
        try {
            List<String> names = params.getTransport().getClientKeyAlgorithms(type).stream()
                    .map(KeyAlgorithm::getKeyAlgorithm).toList();
            return names.isEmpty() ? List.of(keyType) : names;
        } catch (TransportException e) {
            return List.of(keyType);
        }
    }

    /** The sign request's flags that make the agent use the hash {@code algorithm} names. */
    static int flags(String algorithm) {
        if (algorithm.startsWith("rsa-sha2-512")) {
            return AgentClient.RSA_SHA2_512;
        }
        if (algorithm.startsWith("rsa-sha2-256")) {
            return AgentClient.RSA_SHA2_256;
        }
        return 0;
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm).putBytes(blob);
    }
}

package dev.infrajunit.transport.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * Public key authentication (RFC 4252, section 7) with a key the ssh-agent holds. jsch-agentproxy's
 * own {@code AuthAgent} asks the agent to sign with no time limit, on SSHJ's reader thread, while
 * SSHJ holds the lock the login waits on: an agent that never answers would stall the connection
 * for good. Here the agent's answer is bounded, and a missing one fails this key only.
 */
final class AgentKeyAuth extends AbstractAuthMethod {

    private final SshAgent.Keys agent;
    private final byte[] blob;
    private final String algorithm;

    AgentKeyAuth(SshAgent.Keys agent, byte[] blob) throws Buffer.BufferException {
        super("publickey");
        this.agent = agent;
        this.blob = blob;
        this.algorithm = new Buffer.PlainBuffer(blob).readString();
    }

    /** The query whether the server would accept this key, sent before any signature is asked for. */
    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        if (agent.skipped()) {
            throw new UserAuthException("the ssh-agent is skipped: it did not answer in time");
        }
        return request(false);
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
        params.getTransport().write(signed.putBytes(agent.sign(blob, data)));
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm).putBytes(blob);
    }
}

package dev.infrajunit.transport.ssh;

import com.jcraft.jsch.agentproxy.AgentProxy;
import com.jcraft.jsch.agentproxy.AgentProxyException;
import com.jcraft.jsch.agentproxy.Identity;
import com.jcraft.jsch.agentproxy.connector.SSHAgentConnector;
import com.jcraft.jsch.agentproxy.sshj.AuthAgent;
import com.jcraft.jsch.agentproxy.usocket.JNAUSocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.userauth.method.AuthMethod;

/**
 * The ssh-agent at {@code SSH_AUTH_SOCK}, asked for its keys once per run. SSHJ 0.40 has no agent
 * support of its own; jsch-agentproxy's {@link AuthAgent} signs through the agent.
 */
final class SshAgent {

    private final Function<String, String> environment;
    private AgentProxy agent;
    private List<Identity> identities;
    private String description;

    SshAgent(Function<String, String> environment) {
        this.environment = environment;
    }

    /** One method per agent key; none when there is no agent. */
    synchronized List<AuthMethod> methods() {
        connect();
        List<AuthMethod> methods = new ArrayList<>();
        for (Identity identity : identities) {
            try {
                methods.add(new AuthAgent(agent, identity));
            } catch (Buffer.BufferException e) {
                // a key blob this client cannot parse; the other keys may still do
            }
        }
        return methods;
    }

    /** What the agent offered, for the authentication error: {@code ssh-agent (2 keys)}. */
    synchronized String description() {
        connect();
        return description;
    }

    private void connect() {
        if (identities != null) {
            return;
        }
        identities = List.of();
        String socket = environment.apply("SSH_AUTH_SOCK");
        if (socket == null || socket.isBlank()) {
            description = "no ssh-agent (SSH_AUTH_SOCK is not set)";
            return;
        }
        try {
            agent = new AgentProxy(new SSHAgentConnector(new JNAUSocketFactory(), socket));
            identities = List.of(agent.getIdentities());
            description = "ssh-agent at " + socket + " (" + identities.size() + (identities.size() == 1 ? " key)" : " keys)");
        } catch (AgentProxyException | RuntimeException | LinkageError e) {
            description = "ssh-agent at " + socket + " (did not answer: " + e.getMessage() + ")";
        }
    }
}

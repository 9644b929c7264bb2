package dev.infrajunit.transport.ssh;

import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.DaemonThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;

/**
 * The ssh-agent at {@code SSH_AUTH_SOCK}, asked for its keys once per run. SSHJ 0.40 has no agent
 * support of its own; {@link AgentClient} speaks the agent's protocol. A socket read has no time
 * limit, so every call runs on a daemon thread and is waited for at most the connect timeout: an
 * agent that does not answer in time (hung, or waiting for a confirmation nobody gives) is
 * skipped for the rest of the run, and the login's refusal says so.
 */
final class SshAgent {

    private final Function<String, String> environment;
    private final ExecutorService calls = DaemonThreads.pool("infra-ssh-agent");
    private Future<Listing> listing;
    /** Set once a call went unanswered; from then on the agent is not asked again. */
    private volatile boolean stalled;

    SshAgent(Function<String, String> environment) {
        this.environment = environment;
    }

    /** What the agent holds, or why it could not say. */
    private record Listing(Path socket, List<AgentClient.Identity> identities, String problem) {
    }

    /** The agent's keys for one login, each call to the agent waiting at most {@code timeout}. */
    Keys keys(Duration timeout) {
        String socket = environment.apply("SSH_AUTH_SOCK");
        if (socket == null || socket.isBlank()) {
            return new Keys("no ssh-agent (SSH_AUTH_SOCK is not set)");
        }
        String agent = "ssh-agent at " + socket;
        if (stalled) {
            return new Keys(agent + " (skipped: it did not answer earlier in this run)");
        }
        try {
            Listing listed = bounded(listing(socket), timeout);
            return listed.socket() == null ? new Keys(agent + " (did not answer: " + listed.problem() + ")")
                    : new Keys(agent, listed.socket(), listed.identities(), timeout);
        } catch (TimeoutException e) {
            return new Keys(agent + " (skipped: " + unanswered("no answer", timeout) + ")");
        } catch (ExecutionException e) {
            return new Keys(agent + " (did not answer: " + e.getCause() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Keys(agent + " (not asked: the check was interrupted)");
        }
    }

    private synchronized Future<Listing> listing(String socket) {
        if (listing == null) {
            listing = calls.submit(() -> {
                try (AgentClient client = AgentClient.connect(Path.of(socket))) {
                    return new Listing(Path.of(socket), client.identities(), "");
                } catch (IOException | RuntimeException e) {
                    return new Listing(null, List.of(), e.toString());
                }
            });
        }
        return listing;
    }

    /** Waits for an agent call; one that outlives {@code timeout} marks the agent as stalled. */
    private <T> T bounded(Future<T> call, Duration timeout) throws TimeoutException, ExecutionException, InterruptedException {
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stalled = true;
            throw e;
        }
    }

    private static String unanswered(String what, Duration timeout) {
        return what + " within " + Durations.format(timeout) + ", ssh.connectTimeout; is it hung, or waiting for a confirmation?";
    }

    /** The agent's keys as one login sees them, and what became of them for its refusal message. */
    final class Keys {

        private final String description;
        private final Path socket;
        private final List<AgentClient.Identity> identities;
        private final Duration timeout;
        private volatile String skipped;

        private Keys(String description) {
            this(description, null, List.of(), Duration.ZERO);
        }

        private Keys(String description, Path socket, List<AgentClient.Identity> identities, Duration timeout) {
            this.description = description;
            this.socket = socket;
            this.identities = identities;
            this.timeout = timeout;
        }

        /** One method per agent key; none when there is no agent. */
        List<AuthMethod> methods() {
            List<AuthMethod> methods = new ArrayList<>();
            for (AgentClient.Identity identity : identities) {
                methods.add(new AgentKeyAuth(this, identity));
            }
            return methods;
        }

        /** One method per agent key that is one of {@code only} ({@code IdentitiesOnly}). */
        List<AuthMethod> methods(List<PublicKey> only) {
            List<AuthMethod> methods = new ArrayList<>();
            for (AgentClient.Identity identity : identities) {
                if (only.stream().anyMatch(key -> Arrays.equals(blob(key), identity.blob()))) {
                    methods.add(new AgentKeyAuth(this, identity));
                }
            }
            return methods;
        }

        /** The certificate {@code certificate} offered with the agent's signature by {@code key}, the key it certifies. */
        AuthMethod certifying(PublicKey certificate, PublicKey key) {
            return new AgentKeyAuth(this, blob(certificate), KeyType.fromKey(certificate).toString(), blob(key));
        }

        private static byte[] blob(PublicKey key) {
            return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        }

        /** What the agent offered: {@code ssh-agent at /run/agent.sock (2 keys)}, and why it was skipped if it was. */
        String description() {
            if (socket == null) {
                return description;
            }
            String keys = identities.size() + (identities.size() == 1 ? " key" : " keys");
            String why = skipped != null ? skipped : stalled ? "it did not answer another login of this run" : null;
            return description + " (" + keys + (why == null ? "" : "; skipped: " + why) + ")";
        }

        /** Whether the agent is no longer asked, so its remaining keys are not offered. */
        boolean skipped() {
            return skipped != null || stalled;
        }

        /** The agent's signature of {@code data} with the key {@code blob}; {@code flags} choose an RSA key's hash. */
        byte[] sign(byte[] blob, byte[] data, int flags) throws UserAuthException {
            if (skipped()) {
                throw new UserAuthException("the ssh-agent is skipped: it did not answer earlier in this run");
            }
            AtomicReference<AgentClient> connection = new AtomicReference<>();
            Callable<byte[]> signing = () -> {
                try (AgentClient client = AgentClient.connect(socket)) {
                    connection.set(client);
                    return client.sign(blob, data, flags);
                }
            };
            try {
                return bounded(calls.submit(signing), timeout);
            } catch (TimeoutException e) {
                skipped = unanswered("no signature", timeout);
                closeQuietly(connection.get());
                throw new UserAuthException("the ssh-agent did not sign within " + Durations.format(timeout));
            } catch (ExecutionException e) {
                throw new UserAuthException("the ssh-agent could not sign: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserAuthException("interrupted while the ssh-agent was signing", e);
            }
        }
    }

    /** Ends a request nobody waits for any more, so its thread does not wait on the agent for good. */
    private static void closeQuietly(AgentClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // it is being given up anyway
            }
        }
    }
}

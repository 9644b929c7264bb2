package dev.infrajunit.embedded;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.threads.SshdThreadFactory;
import org.apache.sshd.server.forward.StaticDecisionForwardingFilter;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * An SSH server on a loopback address and an ephemeral port that stands in for a host: it
 * accepts public-key authentication for the keys it is given and runs every exec request with
 * {@code /bin/sh -c} as the current OS user, in its own working directory and with its own extra
 * environment variables (so several servers can play several hosts on one machine).
 *
 * <pre>{@code
 * ClientKey key = ClientKey.generate(dir, KeyKind.ED25519);
 * try (EmbeddedSshServer host = EmbeddedSshServer.builder().authorize(key.publicKey()).workingDirectory(dir).start()) {
 *     Files.writeString(knownHosts, host.knownHostsLine() + "\n");
 *     // connect to host.address():host.port() as any user with key.privateKeyFile()
 * }
 * }</pre>
 */
public final class EmbeddedSshServer implements AutoCloseable {

    /** OpenSSH's default {@code MaxSessions}: the 11th concurrent session on a connection is refused. */
    public static final int OPENSSH_MAX_SESSIONS = 10;

    private final SshServer server;
    private final KeyPair hostKey;
    private final String address;
    private final Set<ShellCommand> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService pumps;
    private final AtomicInteger execCount = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean refusingAuthentication;

    private EmbeddedSshServer(Builder builder) {
        this.address = builder.address;
        this.hostKey = builder.hostKeyKind.generate();
        this.pumps = Executors.newCachedThreadPool(new SshdThreadFactory("embedded-ssh-" + builder.address));
        List<PublicKey> authorized = new CopyOnWriteArrayList<>(builder.authorizedKeys);
        Path workingDirectory = builder.workingDirectory;
        Map<String, String> environment = Map.copyOf(builder.environment);
        Optional<String> user = builder.user;

        server = SshServer.setUpDefaultServer();
        server.setHost(address);
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        // Public keys only, as a hardened OpenSSH host would offer.
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator(new PublickeyAuthenticator() {
            @Override
            public boolean authenticate(String username, PublicKey key, ServerSession session) {
                return !refusingAuthentication
                        && user.map(username::equals).orElse(true)
                        && authorized.stream().anyMatch(allowed -> KeyUtils.compareKeys(allowed, key));
            }
        });
        Duration execReplyDelay = builder.execReplyDelay;
        server.setCommandFactory((channel, line) -> {
            execCount.incrementAndGet();
            pause(execReplyDelay);
            return new ShellCommand(line, workingDirectory, environment, pumps, running);
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connectionCount.incrementAndGet();
            }
        });
        if (builder.tcpForwarding) {
            // direct-tcpip only: what a jump host needs
            server.setForwardingFilter(new StaticDecisionForwardingFilter(false) {
                @Override
                public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                    return type == Type.Direct;
                }
            });
        }
        List<ChannelFactory> channels = new ArrayList<>(server.getChannelFactories());
        channels.replaceAll(factory -> "session".equals(factory.getName()) ? new SessionLimit(builder.maxSessions) : factory);
        server.setChannelFactories(channels);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Holds up the reply to an exec request: the client waits for it before the command runs. */
    private static void pause(Duration delay) throws InterruptedIOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while holding up an exec request");
        }
    }

    private EmbeddedSshServer start() {
        try {
            server.start();
        } catch (IOException e) {
            pumps.shutdownNow();
            throw new UncheckedIOException("Could not start an SSH server on " + address, e);
        }
        return this;
    }

    /** The port the server listens on, chosen by the operating system. */
    public int port() {
        for (SocketAddress bound : server.getBoundAddresses()) {
            if (bound instanceof InetSocketAddress inet) {
                return inet.getPort();
            }
        }
        throw new IllegalStateException("The SSH server on " + address + " is not listening");
    }

    /** The loopback address the server listens on, such as {@code 127.0.0.1}. */
    public String address() {
        return address;
    }

    /** The server's public host key. */
    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** The server's known_hosts line: {@code [127.0.0.1]:port keytype base64}. */
    public String knownHostsLine() {
        return "[" + address + "]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** How many exec requests the server has received. */
    public int execCount() {
        return execCount.get();
    }

    /** How many SSH connections clients have opened to the server. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** How many SSH connections are open now: a client that closed its connection is no longer counted. */
    public int openConnections() {
        return server.getActiveSessions().size();
    }

    /** From now on every authentication attempt fails (or succeeds again with {@code false}). */
    public void refuseAuthentication(boolean refuse) {
        this.refusingAuthentication = refuse;
    }

    /**
     * Stops at once, as a host that dies: open connections are dropped without a goodbye, running
     * commands are killed, and the port is closed.
     */
    public void kill() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the SSH server on " + address, e);
        } finally {
            running.forEach(ShellCommand::kill);
            pumps.shutdownNow();
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "EmbeddedSshServer[" + address + ":" + (server.isStarted() ? port() : "stopped") + "]";
    }

    /** What the server is like; {@link #start()} binds it. */
    public static final class Builder {
        private String address = "127.0.0.1";
        private KeyKind hostKeyKind = KeyKind.ECDSA;
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private Optional<String> user = Optional.empty();
        private Path workingDirectory = Path.of(System.getProperty("user.dir"));
        private final Map<String, String> environment = new LinkedHashMap<>();
        private int maxSessions = OPENSSH_MAX_SESSIONS;
        private boolean tcpForwarding;
        private Duration execReplyDelay = Duration.ZERO;

        private Builder() {
        }

        /** A loopback address to bind, such as {@code 127.0.0.5}; default {@code 127.0.0.1}. */
        public Builder address(String loopbackAddress) {
            try {
                if (!InetAddress.getByName(loopbackAddress).isLoopbackAddress()) {
                    throw new IllegalArgumentException(loopbackAddress + " is not a loopback address; the test server binds only loopback");
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(loopbackAddress + " is not an address", e);
            }
            this.address = loopbackAddress;
            return this;
        }

        /** The kind of host key to generate: ECDSA (default), ED25519 or RSA. */
        public Builder hostKeyKind(KeyKind kind) {
            this.hostKeyKind = kind;
            return this;
        }

        /** A public key allowed to log in. With none, every login is refused. */
        public Builder authorize(PublicKey key) {
            authorizedKeys.add(key);
            return this;
        }

        /** Only this login name is accepted; by default any name is. */
        public Builder user(String name) {
            this.user = Optional.of(name);
            return this;
        }

        /** The directory commands run in; default the JVM's working directory. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        /** An extra environment variable for every command, on top of the JVM's environment. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Concurrent sessions allowed per connection; default 10, as OpenSSH. */
        public Builder maxSessions(int sessions) {
            this.maxSessions = sessions;
            return this;
        }

        /** Lets clients open direct-tcpip channels through the server, as through a jump host. */
        public Builder allowTcpForwarding() {
            this.tcpForwarding = true;
            return this;
        }

        /**
         * Answers each exec request only after this delay, as an sshd does whose PAM session setup
         * waits on an unresponsive service; default none.
         */
        public Builder execReplyDelay(Duration delay) {
            this.execReplyDelay = delay;
            return this;
        }

        public EmbeddedSshServer start() {
            return new EmbeddedSshServer(this).start();
        }
    }
}

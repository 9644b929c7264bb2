package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.environment.HostDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshAuthenticationTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Command WHO = Command.of("echo logged-in");

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void logsInWithEachKindOfIdentityFile(KeyKind kind) {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), kind);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(key.publicKey()));
        HostDefinition web1 = fixture.host("web-1", server).identityFile(key.privateKeyFile()).build();

        assertThat(run(web1)).isEqualTo("logged-in\n");
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void decryptsAnEncryptedIdentityFileWithThePassphraseFromTheNamedVariable(KeyKind kind) {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), "deploy_key", kind, "s3cret passphrase");
        EmbeddedSshServer one = fixture.server("web-1", EmbeddedSshServer.builder().authorize(key.publicKey()));
        EmbeddedSshServer two = fixture.server("web-2", EmbeddedSshServer.builder().authorize(key.publicKey()));
        fixture.environment(Map.of("DEPLOY_KEY_PASSPHRASE", "s3cret passphrase"));
        HostDefinition web1 = fixture.host("web-1", one).identityFile(key.privateKeyFile()).passphraseEnv("DEPLOY_KEY_PASSPHRASE").build();
        HostDefinition web2 = fixture.host("web-2", two).identityFile(key.privateKeyFile()).passphraseEnv("DEPLOY_KEY_PASSPHRASE").build();
        SshTransports transports = fixture.transports(web1, web2);

        assertThat(transports.forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
        assertThat(transports.forHost(web2).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
    }

    @Test
    void anEncryptedIdentityFileWithoutPassphraseVariableSaysHowToGiveOne() {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), "deploy_key", KeyKind.ED25519, "s3cret passphrase");
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(key.publicKey()));
        HostDefinition web1 = fixture.host("web-1", server).identityFile(key.privateKeyFile()).build();

        assertThatThrownBy(() -> run(web1))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: identity file " + key.privateKeyFile() + " is encrypted: set ssh.passphraseEnv to the name"
                        + " of an environment variable that holds its passphrase, or load the key into ssh-agent"
                        + " (ssh.identityFile, for infra@127.0.0.1:" + server.port() + ")");
    }

    @Test
    void aPassphraseVariableThatIsNotSetIsNamed() {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), "deploy_key", KeyKind.ECDSA, "s3cret passphrase");
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(key.publicKey()));
        HostDefinition web1 = fixture.host("web-1", server).identityFile(key.privateKeyFile()).passphraseEnv("DEPLOY_KEY_PASSPHRASE").build();

        assertThatThrownBy(() -> run(web1))
                .hasMessage("web-1: identity file " + key.privateKeyFile() + " is encrypted, but the environment variable"
                        + " DEPLOY_KEY_PASSPHRASE named by ssh.passphraseEnv is not set (ssh.identityFile, for infra@127.0.0.1:"
                        + server.port() + ")");
    }

    @Test
    void aWrongPassphraseIsReportedWithoutRevealingIt() {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), "deploy_key", KeyKind.RSA, "s3cret passphrase");
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(key.publicKey()));
        fixture.environment(Map.of("DEPLOY_KEY_PASSPHRASE", "wrong-guess-123"));
        HostDefinition web1 = fixture.host("web-1", server).identityFile(key.privateKeyFile()).passphraseEnv("DEPLOY_KEY_PASSPHRASE").build();

        assertThatThrownBy(() -> run(web1))
                .hasMessage("web-1: identity file " + key.privateKeyFile() + " could not be decrypted with the passphrase in the"
                        + " environment variable DEPLOY_KEY_PASSPHRASE (ssh.passphraseEnv): is it the right passphrase for this"
                        + " key? (ssh.identityFile, for infra@127.0.0.1:" + server.port() + ")")
                .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain("wrong-guess-123").doesNotContain("s3cret"));
    }

    @Test
    void aMissingIdentityFileIsNamed() {
        EmbeddedSshServer server = fixture.server("web-1");
        Path missing = dir.resolve("keys/id_missing");
        HostDefinition web1 = fixture.host("web-1", server).identityFile(missing).build();

        assertThatThrownBy(() -> run(web1))
                .hasMessage("web-1: identity file " + missing + " does not exist (ssh.identityFile, for infra@127.0.0.1:" + server.port() + ")");
    }

    @Test
    void aRefusedKeySaysWhichUserWhichKeysAndWhatTheServerAccepts() {
        EmbeddedSshServer server = fixture.server("web-1");
        ClientKey stranger = ClientKey.generate(dir.resolve("stranger"), KeyKind.ECDSA);
        HostDefinition web1 = fixture.host("web-1", server).identityFile(stranger.privateKeyFile()).build();

        assertThatThrownBy(() -> run(web1))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: authentication refused for user 'infra' at 127.0.0.1:" + server.port() + "; tried public keys: "
                        + stranger.privateKeyFile() + " (ecdsa-sha2-nistp256), no ssh-agent (SSH_AUTH_SOCK is not set);"
                        + " the server accepts: publickey. Add one of these public keys to ~infra/.ssh/authorized_keys on the"
                        + " host, or set ssh.user / ssh.identityFile");
    }

    @Test
    void aRefusedUserIsNamed() {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().user("deploy"));
        HostDefinition web1 = fixture.host("web-1", server).user("root").build();

        assertThatThrownBy(() -> run(web1))
                .hasMessageStartingWith("web-1: authentication refused for user 'root' at 127.0.0.1:" + server.port() + "; tried public keys: "
                        + fixture.key.privateKeyFile() + " (ssh-ed25519)");
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void logsInWithAKeyHeldByTheSshAgent(KeyKind kind) throws Exception {
        ClientKey agentKey = ClientKey.generate(dir.resolve("agent-keys"), kind);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(agentKey.publicKey()));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(agentKey.privateKeyFile());
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition web1 = fixture.host("web-1", server).identityFile().build();

            assertThat(run(web1)).isEqualTo("logged-in\n");
        }
    }

    @Test
    void aRefusalListsTheAgentsKeysToo() throws Exception {
        ClientKey agentKey = ClientKey.generate(dir.resolve("agent-keys"), KeyKind.ED25519);
        EmbeddedSshServer server = fixture.server("web-1");
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(agentKey.privateKeyFile());
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition web1 = fixture.host("web-1", server).identityFile().build();

            assertThatThrownBy(() -> run(web1))
                    .hasMessage("web-1: authentication refused for user 'infra' at 127.0.0.1:" + server.port() + "; tried public keys: "
                            + "ssh-agent at " + agent.socket() + " (1 key); the server accepts: publickey. Add one of these"
                            + " public keys to ~infra/.ssh/authorized_keys on the host, or set ssh.user / ssh.identityFile");
        }
    }

    /**
     * A hung agent never answers; its listing of keys must not hold the host's connection (and with
     * it the host's other checks and the end of the run) for longer than the connect timeout.
     */
    @Test
    void anSshAgentThatNeverAnswersIsSkippedAfterTheConnectTimeoutForTheRestOfTheRun() throws Exception {
        EmbeddedSshServer one = fixture.server("web-1");
        EmbeddedSshServer two = fixture.server("web-2");
        ClientKey stranger = ClientKey.generate(dir.resolve("stranger"), KeyKind.ED25519);
        try (StallingAgent agent = StallingAgent.silent(dir.resolve("agent.sock"))) {
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition web1 = fixture.host("web-1", one).identityFile(stranger.privateKeyFile())
                    .connectTimeout(Duration.ofSeconds(1)).build();
            HostDefinition web2 = fixture.host("web-2", two).connectTimeout(Duration.ofSeconds(1)).build();
            SshTransports transports = fixture.transports(web1, web2);

            long started = System.nanoTime();
            assertThatThrownBy(() -> within(Duration.ofSeconds(10), () -> transports.forHost(web1).execute(WHO, TIMEOUT)))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("web-1: authentication refused for user 'infra' at 127.0.0.1:" + one.port() + "; tried public keys: "
                            + stranger.privateKeyFile() + " (ssh-ed25519), ssh-agent at " + agent.socket() + " (skipped: no answer"
                            + " within 1s, ssh.connectTimeout; is it hung, or waiting for a confirmation?); the server accepts:"
                            + " publickey. Unlock or answer the ssh-agent and run again, or set ssh.identityFile to a key file"
                            + " the host accepts");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));

            // the agent is not waited for again: another host logs in with its key file at once
            long second = System.nanoTime();
            assertThat(within(Duration.ofSeconds(10), () -> transports.forHost(web2).execute(WHO, TIMEOUT)).stdout())
                    .isEqualTo("logged-in\n");
            assertThat(Duration.ofNanos(System.nanoTime() - second)).isLessThan(Duration.ofMillis(900));
        }
    }

    /**
     * An agent that asks for a confirmation before it signs answers the listing but not the
     * request to sign; SSHJ asks for the signature while it holds the login's lock, so an unbounded
     * wait there would stall the connection for good.
     */
    @Test
    void anSshAgentThatNeverSignsIsSkippedAfterTheConnectTimeout() throws Exception {
        ClientKey agentKey = ClientKey.generate(dir.resolve("agent-keys"), KeyKind.ED25519);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(agentKey.publicKey()));
        try (StallingAgent agent = StallingAgent.neverSigns(dir.resolve("agent.sock"), agentKey.publicKey())) {
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition web1 = fixture.host("web-1", server).identityFile().connectTimeout(Duration.ofSeconds(1)).build();
            SshTransports transports = fixture.transports(web1);

            long started = System.nanoTime();
            assertThatThrownBy(() -> within(Duration.ofSeconds(10), () -> transports.forHost(web1).execute(WHO, TIMEOUT)))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("web-1: authentication refused for user 'infra' at 127.0.0.1:" + server.port()
                            + "; tried public keys: ssh-agent at " + agent.socket() + " (1 key; skipped: no signature within 1s,"
                            + " ssh.connectTimeout; is it hung, or waiting for a confirmation?); the server accepts: (not said)."
                            + " Unlock or answer the ssh-agent and run again, or set ssh.identityFile to a key file the host"
                            + " accepts");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        }
    }

    @Test
    void followsHostNameUserPortAndIdentityFileFromTheSshConfiguration() throws Exception {
        ClientKey configKey = ClientKey.generate(dir.resolve("config-keys"), KeyKind.RSA);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().user("deploy").authorize(configKey.publicKey()));
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, """
                Host web-*.internal
                    HostName 127.0.0.1
                    Port %d
                    User deploy
                    IdentityFile %s

                Host *
                    User nobody-else
                """.formatted(server.port(), configKey.privateKeyFile()));
        HostDefinition web1 = TestHost.named("web-1").address("web-1.internal").user("").knownHosts(fixture.knownHosts)
                .useSshConfig().build();
        SshTransports transports = fixture.transports(fixture.options().withSshConfig(config), web1);

        assertThat(transports.forHost(web1).execute(Command.of("echo via config"), TIMEOUT).stdout()).isEqualTo("via config\n");
    }

    @Test
    void aHostsOwnSshConfigurationIsReadInsteadOfTheRuns() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().user("deploy"));
        Path runs = Files.writeString(dir.resolve("run_ssh_config"), "Host web-1\n    HostName 127.0.0.1\n    Port 1\n");
        Path own = Files.writeString(dir.resolve("team_ssh_config"), """
                Host web-1
                    HostName 127.0.0.1
                    Port %d
                    User deploy
                    IdentityFile %s
                """.formatted(server.port(), fixture.key.privateKeyFile()));
        HostDefinition web1 = TestHost.named("web-1").user("").knownHosts(fixture.knownHosts).configFile(own).build();
        HostDefinition missing = TestHost.named("web-2").user("").knownHosts(fixture.knownHosts)
                .configFile(dir.resolve("gone/ssh_config")).build();
        SshTransports transports = fixture.transports(fixture.options().withSshConfig(runs), web1, missing);

        assertThat(transports.forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
        assertThatThrownBy(() -> transports.forHost(missing))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-2: The SSH client configuration " + dir.resolve("gone/ssh_config") + " (ssh.configFile)"
                        + " is not a file; correct ssh.configFile, or leave it out for ~/.ssh/config");
    }

    @Test
    void theEnvironmentFileWinsOverTheSshConfiguration() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().user("infra"));
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host 127.0.0.1\n    User deploy\n    Port 1\n");
        HostDefinition web1 = fixture.host("web-1", server).useSshConfig().build();
        SshTransports transports = fixture.transports(fixture.options().withSshConfig(config), web1);

        assertThat(transports.forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
    }

    @Test
    void withNothingConfiguredUsesTheDefaultKeys() throws Exception {
        Path sshDir = dir.resolve("home/.ssh");
        ClientKey defaultKey = ClientKey.generate(sshDir, KeyKind.ECDSA);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(defaultKey.publicKey()));
        HostDefinition web1 = fixture.host("web-1", server).identityFile().build();
        SshTransports transports = fixture.transports(fixture.options().withDefaultKeysDirectory(sshDir), web1);

        assertThat(defaultKey.privateKeyFile().getFileName()).hasToString("id_ecdsa");
        assertThat(transports.forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
    }

    @Test
    void withNoKeyAnywhereSaysSo() {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).identityFile().build();

        assertThatThrownBy(() -> run(web1))
                .hasMessage("web-1: no key to log in as 'infra' at 127.0.0.1:" + server.port() + ": no usable identity file and no key"
                        + " in an ssh-agent (tried: no ssh-agent (SSH_AUTH_SOCK is not set)). Set ssh.identityFile to a private"
                        + " key the host accepts");
    }

    /** Runs {@code action} on another thread and waits at most {@code limit}: a hang fails the test instead of stalling it. */
    private static <T> T within(Duration limit, Callable<T> action) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread daemon = new Thread(task, "check");
            daemon.setDaemon(true);
            return daemon;
        });
        try {
            return thread.submit(action).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.shutdown();
        }
    }

    private String run(HostDefinition host) {
        return fixture.transports(host).forHost(host).execute(WHO, TIMEOUT).stdout();
    }

    private static String stackTraceOf(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}

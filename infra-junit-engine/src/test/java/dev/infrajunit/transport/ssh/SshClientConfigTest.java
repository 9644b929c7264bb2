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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSH client configuration read as OpenSSH reads it: through the installed client's
 * {@code ssh -G}, and without a client through the fallback parser, which warns about what it
 * cannot read instead of failing every host.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshClientConfigTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Command WHO = Command.of("echo logged-in");

    @Test
    void aMatchBlockAndAnIncludedFileApplyAsTheyDoForSsh() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().user("deploy"));
        Path included = Files.writeString(dir.resolve("team.conf"), """
                Host web-1.internal
                    User deploy
                """);
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Include %s

                Match host web-1.internal
                    HostName 127.0.0.1
                    Port %d
                    IdentityFile %s
                """.formatted(included, server.port(), fixture.key.privateKeyFile()));
        HostDefinition web1 = TestHost.named("web-1").address("web-1.internal").user("").knownHosts(fixture.knownHosts)
                .configFile(config).build();

        assertThat(fixture.transports(web1).forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
    }

    @Test
    void tokensInIdentityFileAreExpanded() throws Exception {
        ClientKey perHost = ClientKey.generate(dir.resolve("keys"), "127.0.0.1_key", KeyKind.ED25519, null);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(perHost.publicKey()));
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-1
                    HostName 127.0.0.1
                    Port %d
                    IdentityFile %s/%%h_key
                """.formatted(server.port(), dir.resolve("keys")));
        HostDefinition web1 = TestHost.named("web-1").knownHosts(fixture.knownHosts).configFile(config).build();

        assertThat(fixture.transports(web1).forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
    }

    @Test
    void withoutAnSshClientAMatchBlockIsAWarningNamingFileAndLineAndTheHostBlocksStillApply() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-1
                    HostName 127.0.0.1
                    Port %d

                Match host *.corp exec "true"
                    User corp

                Include team.conf
                """.formatted(server.port()));
        HostDefinition web1 = TestHost.named("web-1").identityFile(fixture.key.privateKeyFile()).knownHosts(fixture.knownHosts)
                .configFile(config).build();
        SshOptions noClient = fixture.options().withSshClient(Optional.empty());

        assertThat(fixture.transports(noClient, web1).forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
        assertThat(fixture.warnings()).contains(
                "WARNING: " + config + ":5: its Match block is ignored: without an ssh client on the PATH, only Host blocks"
                        + " are read. Install the OpenSSH client so that ssh -G reads this file as ssh does",
                "WARNING: " + config + ":8: Include is not followed: without an ssh client on the PATH");
    }

    @Test
    void aConfigurationSshCannotReadIsAnErrorOfTheHostThatSaysWhatSshSaid() throws Exception {
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host web-1\n    Frobnicate yes\n");
        HostDefinition web1 = TestHost.named("web-1").knownHosts(fixture.knownHosts).configFile(config).build();

        assertThatThrownBy(() -> fixture.transports(web1).forHost(web1))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-1: ")
                .hasMessageContaining("ssh could not read the SSH client configuration (")
                .hasMessageContaining("ssh -G -F " + config + " -- web-1): " + config + ": line 2: Bad configuration option:"
                        + " frobnicate; ")
                .hasMessageEndingWith(". Correct it, or set ssh.useSshConfig: false to ignore it");
    }

    @Test
    void proxyCommandCarriesTheConnection() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-1
                    HostName 127.0.0.1
                    Port %d
                    ProxyCommand nc %%h %%p
                """.formatted(server.port()));
        HostDefinition web1 = TestHost.named("web-1").identityFile(fixture.key.privateKeyFile()).knownHosts(fixture.knownHosts)
                .configFile(config).build();

        assertThat(fixture.transports(web1).forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
        assertThat(fixture.transports(fixture.options().withSshClient(Optional.empty()), web1).forHost(web1)
                .execute(WHO, TIMEOUT).stdout()).as("read by the fallback parser").isEqualTo("logged-in\n");
    }

    @Test
    void aProxyCommandThatFailsIsNamedWithWhatItSaid() throws Exception {
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-1
                    HostName 10.9.8.7
                    ProxyCommand sh -c 'echo "no route to %h port %p" >&2; exit 3'
                """);
        HostDefinition web1 = TestHost.named("web-1").identityFile(fixture.key.privateKeyFile()).knownHosts(fixture.knownHosts)
                .configFile(config).build();

        assertThatThrownBy(() -> fixture.transports(web1).forHost(web1).execute(WHO, TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: could not connect to 10.9.8.7:22 through ProxyCommand 'sh -c 'echo \"no route to 10.9.8.7"
                        + " port 22\" >&2; exit 3'' (exit status 3) said: no route to 10.9.8.7 port 22: it ended before the SSH handshake"
                        + " was over. Check the ProxyCommand in the SSH client configuration");
    }

    @Test
    void aProxyCommandThatNeverSpeaksSshEndsAtTheConnectTimeout() throws Exception {
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host web-1\n    ProxyCommand sleep 30\n");
        HostDefinition web1 = TestHost.named("web-1").identityFile(fixture.key.privateKeyFile()).knownHosts(fixture.knownHosts)
                .connectTimeout(Duration.ofSeconds(1)).configFile(config).build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> fixture.transports(web1).forHost(web1).execute(WHO, TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-1: could not connect to web-1:22 through ProxyCommand 'sleep 30'")
                .hasMessageContaining(": no SSH handshake within 1s (ssh.connectTimeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void hostKeyAliasAndUserKnownHostsFileSayWhereAndUnderWhichNameTheHostKeyIsLookedUp() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path teamKnownHosts = Files.writeString(dir.resolve("team_known_hosts"),
                "web-1-key " + server.knownHostsLine().substring(server.knownHostsLine().indexOf(' ') + 1) + "\n");
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-1
                    HostName 127.0.0.1
                    Port %d
                    HostKeyAlias web-1-key
                    UserKnownHostsFile %s
                """.formatted(server.port(), teamKnownHosts));
        Path defaultKnownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        HostDefinition web1 = TestHost.named("web-1").identityFile(fixture.key.privateKeyFile()).knownHosts(defaultKnownHosts)
                .configFile(config).build();

        assertThat(fixture.transports(web1).forHost(web1).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
    }

    /**
     * An identity file whose private key cannot be read here (it is encrypted, and no passphrase is
     * given) still names its key, by its {@code .pub} file: as with ssh, the ssh-agent signs with that
     * key when it holds it, also under {@code IdentitiesOnly yes}, and also for {@code ssh.identityFile}.
     */
    @Test
    void anEncryptedIdentityFileWhoseKeyTheAgentHoldsLogsInThroughTheAgent() throws Exception {
        ClientKey key = ClientKey.generate(dir.resolve("plain"), KeyKind.ED25519);
        ClientKey other = ClientKey.generate(dir.resolve("other"), KeyKind.ED25519);
        Path encrypted = Files.createDirectories(dir.resolve("encrypted")).resolve("id_ed25519");
        Files.copy(key.privateKeyFile(), encrypted);
        Files.copy(key.publicKeyFile(), Path.of(encrypted + ".pub"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", "correct horse", "-f", encrypted.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).as(new String(keygen.getInputStream().readAllBytes())).isZero();
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(key.publicKey()));
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-1
                    HostName 127.0.0.1
                    Port %d
                    IdentityFile %s
                    IdentitiesOnly yes
                """.formatted(server.port(), encrypted));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(other.privateKeyFile());
            agent.add(key.privateKeyFile());
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition fromConfig = TestHost.named("web-1").knownHosts(fixture.knownHosts).configFile(config).build();
            HostDefinition fromEnvironment = TestHost.on("web-1", server, encrypted, fixture.knownHosts).build();

            assertThat(fixture.transports(fromConfig).forHost(fromConfig).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
            assertThat(fixture.transports(fromEnvironment).forHost(fromEnvironment).execute(WHO, TIMEOUT).stdout())
                    .isEqualTo("logged-in\n");
        }
    }

    /**
     * {@code ssh -G} takes a while for each host (about 14 ms here, much longer with a {@code Match
     * exec}): the hosts of a run are looked up at the same time, not one after the other. The probe
     * each lookup runs counts the lookups running with it.
     */
    @Test
    void theClientConfigurationOfManyHostsIsReadAtTheSameTime() throws Exception {
        Path running = Files.createDirectories(dir.resolve("running"));
        Path seen = dir.resolve("seen");
        Path probe = Files.writeString(dir.resolve("probe.sh"), """
                : > %1$s/"$1"; sleep 0.5; ls %1$s | wc -l >> %2$s; rm -f %1$s/"$1"; exit 1
                """.formatted(running, seen));
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Match exec "sh %s %%n"
                    User nobody-matches
                Host web-*
                    HostName 127.0.0.1
                """.formatted(probe));
        HostDefinition[] hosts = new HostDefinition[6];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = TestHost.named("web-" + (i + 1)).knownHosts(fixture.knownHosts).configFile(config).build();
        }
        SshTransports transports = fixture.transports(hosts);
        ExecutorService callers = Executors.newFixedThreadPool(hosts.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> lookups = new ArrayList<>();
            for (HostDefinition host : hosts) {
                lookups.add(callers.submit(() -> {
                    start.await();
                    return transports.forHost(host);
                }));
            }
            start.countDown();
            for (Future<?> lookup : lookups) {
                lookup.get(30, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        List<Integer> together = Files.readAllLines(seen).stream().map(String::strip).map(Integer::valueOf).toList();
        assertThat(together).as("lookups running at once, as each lookup saw them").hasSize(hosts.length)
                .anySatisfy(count -> assertThat(count).isGreaterThan(1));
    }

    @Test
    void identitiesOnlyOffersNoAgentKeyButThoseOfTheIdentityFiles() throws Exception {
        ClientKey agentKey = ClientKey.generate(dir.resolve("agent-keys"), KeyKind.ED25519);
        ClientKey configured = ClientKey.generate(dir.resolve("configured"), KeyKind.ED25519);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().authorize(agentKey.publicKey()));
        String hostBlock = """
                Host web-1
                    HostName 127.0.0.1
                    Port %d
                    IdentityFile %s
                """.formatted(server.port(), configured.privateKeyFile());
        Path only = Files.writeString(dir.resolve("only_config"), hostBlock + "    IdentitiesOnly yes\n");
        Path any = Files.writeString(dir.resolve("any_config"), hostBlock);
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(agentKey.privateKeyFile());
            fixture.environment(Map.of("SSH_AUTH_SOCK", agent.socket().toString()));
            HostDefinition strict = TestHost.named("web-1").knownHosts(fixture.knownHosts).configFile(only).build();
            HostDefinition open = TestHost.named("web-1").knownHosts(fixture.knownHosts).configFile(any).build();

            assertThatThrownBy(() -> fixture.transports(strict).forHost(strict).execute(WHO, TIMEOUT))
                    .hasMessageStartingWith("web-1: authentication refused for user 'infra' at 127.0.0.1:" + server.port()
                            + "; tried public keys: " + configured.privateKeyFile() + " (ssh-ed25519)");
            assertThat(fixture.transports(open).forHost(open).execute(WHO, TIMEOUT).stdout()).isEqualTo("logged-in\n");
        }
    }
}

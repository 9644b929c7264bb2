package dev.infrajunit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedSshServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static SshClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClient() {
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    @Test
    void runsCommandsWithShInItsWorkingDirectoryWithItsEnvironment() throws Exception {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), KeyKind.ED25519);
        Path home = Files.createDirectories(dir.resolve("web-1"));
        try (EmbeddedSshServer server = EmbeddedSshServer.builder().authorize(key.publicKey())
                .workingDirectory(home).environment("HOST_ROOT", home.toString()).start();
             ClientSession session = login(server, "anyone", key, null)) {
            Exec result = exec(session, "pwd; echo \"$HOST_ROOT\"; echo oops >&2; exit 3");

            assertThat(result.stdout()).isEqualTo(home + "\n" + home + "\n");
            assertThat(result.stderr()).isEqualTo("oops\n");
            assertThat(result.exitStatus()).isEqualTo(3);
            assertThat(server.execCount()).isEqualTo(1);
        }
    }

    @Test
    void knownHostsLineNamesTheBracketedAddressAndPortAndTheHostKey() {
        try (EmbeddedSshServer server = EmbeddedSshServer.builder().address("127.0.0.3").start()) {
            assertThat(server.knownHostsLine()).matches("\\[127\\.0\\.0\\.3]:" + server.port() + " ecdsa-sha2-nistp256 [A-Za-z0-9+/=]+");
            assertThat(server.hostKeyFingerprint()).startsWith("SHA256:");
        }
    }

    @Test
    void refusesNonLoopbackAddresses() {
        assertThatThrownBy(() -> EmbeddedSshServer.builder().address("192.0.2.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("192.0.2.1 is not a loopback address; the test server binds only loopback");
    }

    @Test
    void refusesKeysItWasNotGivenOtherUsersAndEveryoneWhenToldTo() throws Exception {
        ClientKey allowed = ClientKey.generate(dir, KeyKind.ECDSA);
        ClientKey other = ClientKey.generate(dir, KeyKind.RSA);
        try (EmbeddedSshServer server = EmbeddedSshServer.builder().authorize(allowed.publicKey()).user("infra").start()) {
            assertThatThrownBy(() -> login(server, "infra", other, null)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> login(server, "root", allowed, null)).isInstanceOf(IOException.class);
            login(server, "infra", allowed, null).close();

            server.refuseAuthentication(true);
            assertThatThrownBy(() -> login(server, "infra", allowed, null)).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void writesKeysOpenSshReadsBackWithAndWithoutPassphrase(KeyKind kind) throws Exception {
        ClientKey plain = ClientKey.generate(dir, kind);
        ClientKey encrypted = ClientKey.generate(dir, "encrypted_" + kind, kind, "correct horse");

        assertThat(Files.getPosixFilePermissions(plain.privateKeyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(plain.privateKeyFile())).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertThat(Files.readString(plain.publicKeyFile())).startsWith(plain.authorizedKeysLine() + " ");
        // ssh-keygen derives the public key from the private file: proof that OpenSSH can read it.
        assertThat(sshKeygen("-y", "-P", "", "-f", plain.privateKeyFile().toString())).startsWith(plain.authorizedKeysLine());
        assertThat(sshKeygen("-y", "-P", "correct horse", "-f", encrypted.privateKeyFile().toString()))
                .startsWith(encrypted.authorizedKeysLine());
        assertThat(sshKeygen("-y", "-P", "wrong", "-f", encrypted.privateKeyFile().toString()))
                .contains("incorrect passphrase");
        try (EmbeddedSshServer server = EmbeddedSshServer.builder().hostKeyKind(kind).authorize(encrypted.publicKey()).start();
             ClientSession session = login(server, "u", encrypted, "correct horse")) {
            assertThat(exec(session, "echo ok").stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void limitsConcurrentSessionsPerConnectionLikeOpenSsh() throws Exception {
        ClientKey key = ClientKey.generate(dir, KeyKind.ED25519);
        try (EmbeddedSshServer server = EmbeddedSshServer.builder().authorize(key.publicKey()).start();
             ClientSession session = login(server, "u", key, null)) {
            List<ChannelExec> open = new ArrayList<>();
            for (int i = 0; i < EmbeddedSshServer.OPENSSH_MAX_SESSIONS; i++) {
                ChannelExec channel = session.createExecChannel("sleep 5");
                channel.open().verify(WAIT);
                open.add(channel);
            }
            ChannelExec eleventh = session.createExecChannel("true");
            assertThatThrownBy(() -> eleventh.open().verify(WAIT)).rootCause()
                    .isInstanceOfSatisfying(SshChannelOpenException.class,
                            e -> assertThat(e.getReasonCode()).isEqualTo(SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED));
            // refused, not disconnected: once a session closes, the next one opens
            assertThat(session.isOpen()).isTrue();
            open.get(0).close(false).await(WAIT);
            assertThat(exec(session, "echo again").stdout()).isEqualTo("again\n");
            for (ChannelExec channel : open) {
                channel.close(true);
            }
        }
    }

    @Test
    void killDropsConnectionsEndsRunningCommandsAndClosesThePort() throws Exception {
        ClientKey key = ClientKey.generate(dir, KeyKind.ED25519);
        Path marker = dir.resolve("finished");
        EmbeddedSshServer server = EmbeddedSshServer.builder().authorize(key.publicKey()).start();
        int port = server.port();
        try (ClientSession session = login(server, "u", key, null)) {
            ChannelExec channel = session.createExecChannel("sleep 1; touch " + marker);
            channel.open().verify(WAIT);

            long started = System.nanoTime();
            server.kill();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(session.isOpen()).isFalse();
        }
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(ConnectException.class);
        Thread.sleep(1500);
        assertThat(marker).doesNotExist();
    }

    private static ClientSession login(EmbeddedSshServer server, String user, ClientKey key, String passphrase) throws Exception {
        ClientSession session = client.connect(user, server.address(), server.port()).verify(WAIT).getSession();
        session.setServerKeyVerifier((s, address, hostKey) -> KeyUtils.compareKeys(hostKey, server.hostKey()));
        try (InputStream in = Files.newInputStream(key.privateKeyFile())) {
            FilePasswordProvider passwords = passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
            for (KeyPair pair : SecurityUtils.loadKeyPairIdentities(session, key::toString, in, passwords)) {
                session.addPublicKeyIdentity(pair);
            }
        }
        try {
            session.auth().verify(WAIT);
        } catch (IOException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private record Exec(String stdout, String stderr, Integer exitStatus) {
    }

    private static Exec exec(ClientSession session, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            return new Exec(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), channel.getExitStatus());
        }
    }

    private static String sshKeygen(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh-keygen"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}

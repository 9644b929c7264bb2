package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.KeyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent protocol spoken to the real ssh-agent. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AgentClientTest {

    private static final byte[] DATA = "session data to sign".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void listsTheKeysTheAgentHoldsWithTheirComments() throws Exception {
        ClientKey ed25519 = ClientKey.generate(dir.resolve("a"), KeyKind.ED25519);
        ClientKey rsa = ClientKey.generate(dir.resolve("b"), KeyKind.RSA);
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(ed25519.privateKeyFile());
            agent.add(rsa.privateKeyFile());

            List<AgentClient.Identity> identities = identities(agent);

            assertThat(identities).extracting(AgentClient.Identity::type).containsExactly("ssh-ed25519", "ssh-rsa");
            assertThat(identities.get(1).blob()).isEqualTo(blob(rsa));
            assertThat(identities).allSatisfy(identity -> assertThat(identity.comment()).isNotEmpty());
        }
    }

    @Test
    void anRsaKeySignsWithTheHashTheFlagsAskFor() throws Exception {
        ClientKey rsa = ClientKey.generate(dir, KeyKind.RSA);
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(rsa.privateKeyFile());

            assertSignature(sign(agent, blob(rsa), AgentClient.RSA_SHA2_512), "rsa-sha2-512", "SHA512withRSA", rsa);
            assertSignature(sign(agent, blob(rsa), AgentClient.RSA_SHA2_256), "rsa-sha2-256", "SHA256withRSA", rsa);
            assertSignature(sign(agent, blob(rsa), 0), "ssh-rsa", "SHA1withRSA", rsa);
        }
    }

    @Test
    void anEd25519KeySigns() throws Exception {
        ClientKey ed25519 = ClientKey.generate(dir, KeyKind.ED25519);
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(ed25519.privateKeyFile());

            Buffer.PlainBuffer signature = new Buffer.PlainBuffer(sign(agent, blob(ed25519), 0));

            assertThat(signature.readString()).isEqualTo("ssh-ed25519");
            assertThat(signature.readBytes()).hasSize(64);
        }
    }

    @Test
    void aKeyTheAgentDoesNotHoldIsRefused() throws Exception {
        ClientKey stranger = ClientKey.generate(dir, KeyKind.ED25519);
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            assertThatThrownBy(() -> sign(agent, blob(stranger), 0))
                    .isInstanceOf(IOException.class).hasMessage("the agent refused to sign");
        }
    }

    @Test
    void aSocketNobodyListensOnCannotBeReached() {
        assertThatThrownBy(() -> AgentClient.connect(dir.resolve("no-agent.sock"))).isInstanceOf(IOException.class);
    }

    private static List<AgentClient.Identity> identities(SshAgentProcess agent) throws IOException {
        try (AgentClient client = AgentClient.connect(agent.socket())) {
            return client.identities();
        }
    }

    private static byte[] sign(SshAgentProcess agent, byte[] blob, int flags) throws IOException {
        try (AgentClient client = AgentClient.connect(agent.socket())) {
            return client.sign(blob, DATA, flags);
        }
    }

    private static byte[] blob(ClientKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key.publicKey()).getCompactData();
    }

    private static void assertSignature(byte[] blob, String algorithm, String jcaAlgorithm, ClientKey key) throws Exception {
        Buffer.PlainBuffer signature = new Buffer.PlainBuffer(blob);
        assertThat(signature.readString()).isEqualTo(algorithm);
        Signature verifier = Signature.getInstance(jcaAlgorithm);
        verifier.initVerify(key.publicKey());
        verifier.update(DATA);
        assertThat(verifier.verify(signature.readBytes())).as("the signature verifies with " + jcaAlgorithm).isTrue();
    }
}

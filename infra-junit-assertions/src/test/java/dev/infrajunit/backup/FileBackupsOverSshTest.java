package dev.infrajunit.backup;

import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.testing.TestEnvironments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code files} policies on a host reached over real SSH: the engine's SSH transport talking to an
 * embedded Apache MINA SSHD server on 127.0.0.1 that runs each command with {@code /bin/sh -c}.
 */
class FileBackupsOverSshTest extends FileBackupsContract {

    private EmbeddedSshServer server;

    @Override
    HostDefinition host(String name, Map<String, Object> properties) throws Exception {
        if (server == null) {
            ClientKey key = ClientKey.generate(temp.resolve("client"), KeyKind.ED25519);
            server = EmbeddedSshServer.builder().authorize(key.publicKey()).workingDirectory(workingDirectory).start();
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), server.knownHostsLine() + "\n");
            hostDefinition = TestEnvironments.sshHost(name, server.port(), "infra", key.privateKeyFile(), knownHosts, properties);
        }
        return new HostDefinition(name, hostDefinition.address(), hostDefinition.roles(), hostDefinition.transport(),
                hostDefinition.ssh(), hostDefinition.commandTimeout(), hostDefinition.sudo(), properties, 0);
    }

    private HostDefinition hostDefinition;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}

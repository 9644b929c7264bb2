package dev.infrajunit.assertions;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import dev.infrajunit.runtime.RunEnvironment;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same assertions over the real SSH protocol, against an embedded SSH server on loopback. */
class OverSshTest {

    @TempDir
    Path dir;

    private EmbeddedSshServer server;
    private RunEnvironment environment;
    private Host db;

    @BeforeEach
    void open() throws Exception {
        ClientKey key = ClientKey.generate(dir, KeyKind.ED25519);
        server = EmbeddedSshServer.builder().authorize(key.publicKey()).workingDirectory(dir).start();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        SshSettings ssh = new SshSettings("infra", server.port(), List.of(key.privateKeyFile()), Optional.empty(), knownHosts,
                HostKeyChecking.STRICT, Duration.ofSeconds(5), Optional.empty(), false);
        HostDefinition host = new HostDefinition("db-2", server.address(), List.of("database"), "ssh", ssh, Duration.ofSeconds(10),
                false, Map.of(), 0);
        environment = new RunEnvironment(new EnvironmentDefinition("ssh-test", Optional.empty(), Map.of(), List.of(host)));
        db = environment.host("db-2");
    }

    @AfterEach
    void close() {
        environment.close();
        server.close();
    }

    @Test
    void filesPackagesPortsAndCommands() throws Exception {
        Path config = dir.resolve("pg_hba.conf");
        Files.writeString(config, "local all postgres peer\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        try (ServerSocket postgres = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = postgres.getLocalPort();
            assertThatCode(() -> {
                assertThat(db).file(config.toString()).exists().hasMode("640").contains("peer");
                assertThat(db).pkg("dpkg").isInstalled();
                assertThat(db).port(port).isListening().onlyOn("127.0.0.1");
                assertThat(db).command("uname -s").succeeds().hasStdoutContaining("Linux");
            }).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(db).file(config.toString()).hasMode("600"))
                    .hasMessage("db-2: expected " + config + " to have mode 600, but it has 640 (stat of " + config + ")");
            assertThatThrownBy(() -> assertThat(db).port(port).on("0.0.0.0"))
                    .hasMessage("db-2: expected tcp port " + port + " to be listening on 0.0.0.0, but it listens on 127.0.0.1 only (ss -ltun)");
        }
    }

    @Test
    void hostileArgumentsStayArguments() {
        Path marker = dir.resolve("marker");
        String hostile = "x'; touch " + marker + "; echo '$(touch " + marker + ")`touch " + marker + "`";
        assertThatCode(() -> assertThat(db).command(Command.of("printf %s {0}", hostile)).hasStdoutContaining(hostile))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(db).file(hostile).exists())
                .hasMessage("db-2: expected " + hostile + " to exist, but it does not (stat of " + hostile + ")");
        assertThatThrownBy(() -> assertThat(db).pkg(hostile).isInstalled())
                .hasMessage("db-2: expected package " + hostile + " to be installed, but it is not installed (dpkg-query -W)");
        Assertions.assertThat(marker).doesNotExist();
    }

    @Test
    void factsAreFetchedOnceOverTheConnection() {
        for (int i = 0; i < 5; i++) {
            assertThat(db).pkg("dpkg").isInstalled();
            assertThat(db).os().hasFamily("debian");
            assertThat(db).kernel().hasName("Linux");
        }
        Assertions.assertThat(server.execCount()).isEqualTo(3);
        Assertions.assertThat(server.connectionCount()).isEqualTo(1);
    }
}

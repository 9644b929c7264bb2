package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.environment.HostDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JumpHostTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Command HOSTNAME = Command.of("cat name");

    private EmbeddedSshServer bastionServer;

    @BeforeEach
    void setUp() throws Exception {
        bastionServer = fixture.server("bastion", EmbeddedSshServer.builder().allowTcpForwarding());
    }

    @Test
    void reachesHostsThroughAnotherHostOfTheEnvironmentOverOneSharedJumpConnection() throws Exception {
        HostDefinition bastion = fixture.host("bastion", bastionServer).build();
        HostDefinition web1 = behindBastion("web-1").jumpHost("bastion").build();
        HostDefinition web2 = behindBastion("web-2").jumpHost("bastion").build();
        SshTransports transports = fixture.transports(bastion, web1, web2);

        assertThat(transports.forHost(web1).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("web-1\n");
        assertThat(transports.forHost(web2).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("web-2\n");
        assertThat(transports.forHost(bastion).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("bastion\n");

        assertThat(bastionServer.connectionCount()).isEqualTo(1);
        assertThat(bastionServer.execCount()).isEqualTo(1);
    }

    @Test
    void reachesHostsThroughAJumpHostWrittenAsUserHostPort() throws Exception {
        String spec = "infra@127.0.0.1:" + bastionServer.port();
        HostDefinition web1 = behindBastion("web-1").jumpHost(spec).build();
        HostDefinition web2 = behindBastion("web-2").jumpHost(spec).build();
        SshTransports transports = fixture.transports(web1, web2);

        assertThat(transports.forHost(web1).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("web-1\n");
        assertThat(transports.forHost(web2).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("web-2\n");
        assertThat(bastionServer.connectionCount()).isEqualTo(1);
    }

    /** What reaching the jump host takes comes from the host behind it: each host's own settings hold for its jump. */
    @Test
    void hostsBehindOneJumpHostWithDifferentKnownHostsFilesEachHoldTheJumpHostToTheirOwnFile() throws Exception {
        String spec = "infra@127.0.0.1:" + bastionServer.port();
        EmbeddedSshServer web2Server = named("web-2");
        Path web2KnownHosts = Files.writeString(dir.resolve("web-2_known_hosts"), web2Server.knownHostsLine() + "\n");
        HostDefinition web1 = behindBastion("web-1").jumpHost(spec).build();
        HostDefinition web2 = fixture.host("web-2", web2Server).knownHosts(web2KnownHosts).jumpHost(spec).build();
        SshTransports transports = fixture.transports(web1, web2);

        assertThat(transports.forHost(web1).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("web-1\n");
        assertThatThrownBy(() -> transports.forHost(web2).execute(HOSTNAME, TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-2: could not reach the jump host: " + spec + ": ")
                .hasMessageContaining(web2KnownHosts.toString());
    }

    @Test
    void followsProxyJumpFromTheSshConfiguration() throws Exception {
        EmbeddedSshServer web1Server = named("web-1");
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host *.internal
                    HostName 127.0.0.1
                    Port %d
                    ProxyJump infra@127.0.0.1:%d
                """.formatted(web1Server.port(), bastionServer.port()));
        HostDefinition web1 = TestHost.named("web-1").address("web-1.internal").identityFile(fixture.key.privateKeyFile())
                .knownHosts(fixture.knownHosts).useSshConfig().build();
        SshTransports transports = fixture.transports(fixture.options().withSshConfig(config), web1);

        assertThat(transports.forHost(web1).execute(HOSTNAME, TIMEOUT).stdout()).isEqualTo("web-1\n");
        assertThat(bastionServer.connectionCount()).isEqualTo(1);
    }

    @Test
    void aJumpHostThatRefusesToForwardIsNamed() {
        EmbeddedSshServer strict = fixture.server("strict-bastion");
        EmbeddedSshServer web1Server = named("web-1");
        HostDefinition bastion = fixture.host("bastion", strict).build();
        HostDefinition web1 = fixture.host("web-1", web1Server).jumpHost("bastion").build();

        assertThatThrownBy(() -> fixture.transports(bastion, web1).forHost(web1).execute(HOSTNAME, TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-1: the jump host bastion could not open a connection to 127.0.0.1:" + web1Server.port() + " (")
                .hasMessageEndingWith("). Check the address and port, and that the jump host allows TCP forwarding (AllowTcpForwarding)");
    }

    @Test
    void anUnreachableJumpHostIsReportedForTheHostBehindItAndForItself() throws Exception {
        int closed = SilentPort.closedPort();
        HostDefinition bastion = fixture.host("bastion", bastionServer).port(closed).build();
        HostDefinition web1 = behindBastion("web-1").jumpHost("bastion").build();
        SshTransports transports = fixture.transports(bastion, web1);
        String bastionRefused = "bastion: connection refused by 127.0.0.1:" + closed + ": nothing listens on that port. Check that"
                + " sshd runs on the host and that ssh.port is right";

        assertThatThrownBy(() -> transports.forHost(web1).execute(HOSTNAME, TIMEOUT))
                .hasMessage("web-1: could not reach the jump host: " + bastionRefused);
        assertThatThrownBy(() -> transports.forHost(bastion).execute(HOSTNAME, TIMEOUT)).hasMessage(bastionRefused);
    }

    @Test
    void aHostBehindTheJumpHostThatDoesNotSpeakSshTimesOut() throws Exception {
        try (SilentPort mute = SilentPort.mute()) {
            HostDefinition bastion = fixture.host("bastion", bastionServer).build();
            HostDefinition db9 = fixture.host("db-9", bastionServer).port(mute.port()).jumpHost("bastion")
                    .connectTimeout(Duration.ofSeconds(1)).build();
            SshTransports transports = fixture.transports(bastion, db9);

            long started = System.nanoTime();
            assertThatThrownBy(() -> transports.forHost(db9).execute(HOSTNAME, TIMEOUT))
                    .hasMessage("db-9: 127.0.0.1:" + mute.port() + " (through the jump host bastion) accepted the connection but"
                            + " did not complete the SSH handshake within 1s (ssh.connectTimeout): is an SSH server listening on"
                            + " that port?");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            assertThat(transports.forHost(bastion).execute(Command.of("echo alive"), TIMEOUT).stdout()).isEqualTo("alive\n");
        }
    }

    @Test
    void jumpHostsThatLeadInACircleAreRefused() {
        HostDefinition a = fixture.host("a", bastionServer).jumpHost("b").build();
        HostDefinition b = fixture.host("b", bastionServer).jumpHost("a").build();

        assertThatThrownBy(() -> fixture.transports(a, b).forHost(a))
                .hasMessage("a: its jump hosts form a loop: a -> b -> a. Fix ssh.jumpHost");
    }

    private TestHost behindBastion(String name) throws Exception {
        return fixture.host(name, named(name));
    }

    /** A server whose {@code name} file holds its name, so a test sees which host answered. */
    private EmbeddedSshServer named(String name) {
        EmbeddedSshServer server = fixture.server(name);
        try {
            Files.writeString(fixture.home(name).resolve("name"), name + "\n");
            if (!Files.exists(fixture.home("bastion").resolve("name"))) {
                Files.writeString(fixture.home("bastion").resolve("name"), "bastion\n");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return server;
    }
}

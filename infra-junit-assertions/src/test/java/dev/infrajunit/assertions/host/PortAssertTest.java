package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ListeningSockets;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets opened by the test on loopback, seen through ss and through /proc/net. */
class PortAssertTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host local;
    private ServerSocket tcp;
    private DatagramSocket udp;
    private int tcpPort;
    private int udpPort;

    @BeforeEach
    void open() throws Exception {
        tcp = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        tcpPort = tcp.getLocalPort();
        udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        udpPort = udp.getLocalPort();
        hosts = new LocalHosts("db-1");
        local = hosts.host("db-1");
    }

    @AfterEach
    void close() throws Exception {
        tcp.close();
        udp.close();
        hosts.close();
    }

    /**
     * One name, one meaning: {@code isListeningOn} is the host's short form for "this TCP port
     * listens"; a port says where it listens with {@code on(address)} and nothing else.
     */
    @Test
    void isListeningOnIsOnlyTheHostsShortForm() {
        org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(PortAssert.class.getMethods()).map(m -> m.getName()))
                .doesNotContain("isListeningOn");
        assertThatCode(() -> assertThat(local).isListeningOn(tcpPort)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).isListeningOn(udpPort))
                .hasMessage("db-1: expected tcp port " + udpPort + " to be listening, but nothing listens on it (ss -ltun)");
    }

    @Test
    void listeningOnLoopbackOnly() {
        assertThatCode(() -> assertThat(local).port(tcpPort).isListening().on("127.0.0.1").onlyOn("127.0.0.1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).isListeningOn(tcpPort)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).port(tcpPort).isListening().on("0.0.0.0"))
                .hasMessage("db-1: expected tcp port " + tcpPort + " to be listening on 0.0.0.0, but it listens on 127.0.0.1 only (ss -ltun)");
        assertThatThrownBy(() -> assertThat(local).port(tcpPort).isNotListening())
                .hasMessage("db-1: expected tcp port " + tcpPort + " not to be listening, but it listens on 127.0.0.1 (ss -ltun)");
        assertThatThrownBy(() -> assertThat(local).port(tcpPort).onlyOn("::1"))
                .hasMessage("db-1: expected tcp port " + tcpPort + " to be listening only on ::1, but it also listens on 127.0.0.1 (ss -ltun)");
    }

    @Test
    void udpIsNotTcp() {
        assertThatCode(() -> assertThat(local).udpPort(udpPort).isListening().on("127.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).port(udpPort).isListening())
                .hasMessage("db-1: expected tcp port " + udpPort + " to be listening, but nothing listens on it (ss -ltun)");
    }

    @Test
    void closedPort() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = probe.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> assertThat(local).port(port).isListening().on("127.0.0.1"))
                .hasMessage("db-1: expected tcp port " + port + " to be listening, but nothing listens on it (ss -ltun)");
        assertThatThrownBy(() -> assertThat(local).isListeningOn(port))
                .hasMessage("db-1: expected tcp port " + port + " to be listening, but nothing listens on it (ss -ltun)");
    }

    @Test
    void wildcardAddressesServeEveryAddress() throws Exception {
        // Java binds "0.0.0.0" as a dual-stack IPv6 socket, which ss shows as *: every IPv4 and IPv6 address
        try (ServerSocket any = new ServerSocket()) {
            any.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = any.getLocalPort();
            assertThatCode(() -> assertThat(local).port(port).isListening().on("0.0.0.0").on("127.0.0.1").on("::1").onlyOn("*"))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(local).port(port).onlyOn("127.0.0.1"))
                    .hasMessage("db-1: expected tcp port " + port + " to be listening only on 127.0.0.1, but it also listens on *"
                            + " (ss -ltun)");
        }
    }

    @Test
    void withoutSsTheKernelTablesAnswerTheSame() {
        Host noSs = new RestrictedPathHost(local, dir.resolve("bin"), "cat");
        assertThatCode(() -> assertThat(noSs).port(tcpPort).isListening().onlyOn("127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(noSs).udpPort(udpPort).isListening().on("127.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(noSs).port(tcpPort).on("0.0.0.0"))
                .hasMessage("db-1: expected tcp port " + tcpPort + " to be listening on 0.0.0.0, but it listens on 127.0.0.1 only"
                        + " (/proc/net/tcp, tcp6, udp, udp6)");
        ListeningSockets fromSs = ListeningSockets.parseSs(local.run("ss -ltun").stdoutLines());
        ListeningSockets fromProc = ListeningSockets.fromProc(local);
        org.assertj.core.api.Assertions.assertThat(fromProc.on("tcp", tcpPort)).isEqualTo(fromSs.on("tcp", tcpPort));
        org.assertj.core.api.Assertions.assertThat(fromProc.on("udp", udpPort)).isEqualTo(fromSs.on("udp", udpPort));
    }

    @Test
    void neitherSsNorProc() {
        Host bare = new RestrictedPathHost(local, dir.resolve("bin"));
        assertThatThrownBy(() -> assertThat(bare).port(22).isListening())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-1: cannot check listening ports: neither ss nor /proc/net/tcp is available");
    }

    @Test
    void portNumbersAreChecked() {
        assertThatThrownBy(() -> assertThat(local).port(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0 is not a port number (1-65535)");
    }
}

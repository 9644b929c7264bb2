package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections and names, tried from this machine for real: a listener on loopback, a port nobody
 * listens on, and a resolver that knows only a hosts file of the test's own (no DNS server is asked).
 */
class NetworkAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");

    @TempDir
    Path directory;

    private Host app;

    @BeforeEach
    void resolverOfItsOwn() throws Exception {
        Path hostsFile = Files.writeString(directory.resolve("hosts"),
                "127.0.0.1 localhost\n127.0.0.7 db.internal db\n127.0.0.8 cache.internal\n::1 cache.internal\n");
        Path nsswitch = Files.writeString(directory.resolve("nsswitch.conf"), "hosts: files\n");
        app = NamespacedHost.withHostsFile(hosts.host("app-1"), hostsFile, nsswitch);
    }

    @Test
    void reachesAListenerAndNotAClosedPort() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.7"))) {
            int open = listener.getLocalPort();
            int closed = closedPort();
            assertThatCode(() -> assertThat(app).reaches("db.internal", open).reaches("127.0.0.7", open)
                    .doesNotReach("127.0.0.7", closed)).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(app).reaches("127.0.0.7", closed))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("app-1: expected to reach 127.0.0.7:" + closed + " over TCP, but the connection was refused"
                            + " (TCP connect from app-1 to 127.0.0.7:" + closed + ", timeout 5s)");
            assertThatThrownBy(() -> assertThat(app).doesNotReach("db.internal", open))
                    .hasMessage("app-1: expected not to reach db.internal:" + open + " over TCP, but it connected"
                            + " (TCP connect from app-1 to db.internal:" + open + ", timeout 5s)");
        }
    }

    @Test
    void aNameThatDoesNotResolveIsNotReached() {
        assertThatThrownBy(() -> assertThat(app).reaches("nowhere.internal", 5432))
                .hasMessage("app-1: expected to reach nowhere.internal:5432 over TCP, but nowhere.internal does not resolve"
                        + " (TCP connect from app-1 to nowhere.internal:5432, timeout 5s)");
    }

    @Test
    void aHostOfTheEnvironmentIsReachedAtItsAddress() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThatCode(() -> assertThat(app).reaches("app-1", listener.getLocalPort())).doesNotThrowAnyException();
        }
        int closed = closedPort();
        assertThatThrownBy(() -> assertThat(app).connection("app-1", closed).isReachable())
                .hasMessage("app-1: expected to reach app-1:" + closed + " (localhost) over TCP, but the connection was"
                        + " refused (TCP connect from app-1 to localhost:" + closed + ", timeout 5s)");
    }

    @Test
    void withoutBashOrNcNothingCanBeSaid() {
        Host bare = new RestrictedPathHost(app, directory.resolve("bin"), "timeout");
        assertThatThrownBy(() -> assertThat(bare).reaches("db.internal", 5432))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("app-1: cannot check connections to db.internal:5432: neither bash nor nc is installed,"
                        + " and one of them (with timeout) is needed to open a connection");
    }

    @Test
    void namesResolveAsTheHostsResolverSays() {
        assertThatCode(() -> assertThat(app).resolves("db.internal").to("127.0.0.7")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(app).resolves("cache.internal").to("::1", "127.0.0.8")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(app).dns("nowhere.internal").doesNotResolve()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).resolves("db.internal").to("10.0.1.11"))
                .hasMessage("app-1: expected db.internal to resolve to 10.0.1.11, but it resolves to 127.0.0.7"
                        + " (getent ahosts db.internal)");
        assertThatThrownBy(() -> assertThat(app).resolves("nowhere.internal"))
                .hasMessage("app-1: expected nowhere.internal to resolve, but it does not (getent ahosts nowhere.internal)");
        assertThatThrownBy(() -> assertThat(app).dns("db").doesNotResolve())
                .hasMessage("app-1: expected db not to resolve, but it resolves to 127.0.0.7 (getent ahosts db)");
    }

    @Test
    void aNameResolvesToTheAddressOfAHostOfTheEnvironment() {
        assertThatThrownBy(() -> assertThat(app).resolves("db.internal").toAddressOf("app-1"))
                .hasMessage("app-1: expected db.internal to resolve to localhost, but it resolves to 127.0.0.7"
                        + " (getent ahosts db.internal)");
    }

    @Test
    void withoutGetentNothingCanBeSaid() {
        Host bare = new RestrictedPathHost(app, directory.resolve("bin"), "cat");
        assertThatThrownBy(() -> assertThat(bare).resolves("db.internal"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("app-1: cannot check how db.internal resolves: getent is not installed"
                        + " (getent ahosts db.internal: command not found)");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.7"))) {
            return socket.getLocalPort();
        }
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real TLS server on loopback with a certificate made by keytool, read by openssl on the host and by the JVM. */
class TlsCertificateAssertTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("web-1");
    private final Host web = hosts.host("web-1");

    @Test
    void certificateExpiringInTenDays() throws Exception {
        try (TlsServer server = new TlsServer(keystore("soon", "-validity", "10"))) {
            int port = server.port();
            String notAfter = server.notAfter().toString();
            assertThatCode(() -> assertThat(web).tlsCertificate(port).isValidForAtLeastDays(5)).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(web).tlsCertificate(port).isValidForAtLeast(Duration.ofDays(30)))
                    .hasMessage("web-1: expected the TLS certificate served on localhost:" + port + " to be valid for at least 30d, but it"
                            + " expires in 9d 23h, on " + notAfter + " (openssl s_client -connect localhost:" + port + " on web-1)");
            assertThatThrownBy(() -> assertThat(web).tlsCertificate(port).fromTestJvm().isValidForAtLeastDays(30))
                    .hasMessage("web-1: expected the TLS certificate served on localhost:" + port + " to be valid for at least 30d, but it"
                            + " expires in 9d 23h, on " + notAfter + " (TLS handshake from the test JVM to localhost:" + port + ")");
        }
    }

    @Test
    void withoutOpensslOnTheHostTheTestJvmLooks() throws Exception {
        try (TlsServer server = new TlsServer(keystore("soon", "-validity", "10"))) {
            int port = server.port();
            Host noOpenssl = new RestrictedPathHost(web, dir.resolve("bin"), "cat");
            assertThatThrownBy(() -> assertThat(noOpenssl).tlsCertificate("localhost", port).isValidForAtLeastDays(30))
                    .hasMessage("web-1: expected the TLS certificate served on localhost:" + port + " to be valid for at least 30d, but it"
                            + " expires in 9d 23h, on " + server.notAfter() + " (TLS handshake from the test JVM to localhost:" + port + ")");
        }
    }

    @Test
    void expiredCertificate() throws Exception {
        try (TlsServer server = new TlsServer(keystore("old", "-startdate", "-20d", "-validity", "10"))) {
            int port = server.port();
            assertThatThrownBy(() -> assertThat(web).tlsCertificate(port).isValidForAtLeastDays(1))
                    .hasMessage("web-1: expected the TLS certificate served on localhost:" + port + " to be valid for at least 1d, but it"
                            + " expired 10d ago, on " + server.notAfter() + " (openssl s_client -connect localhost:" + port + " on web-1)");
        }
    }

    @Test
    void nothingServesTls() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> assertThat(web).tlsCertificate(closed).isValidForAtLeastDays(1))
                .hasMessage("web-1: expected the TLS certificate served on localhost:" + closed + " to be valid for at least 1d, but no"
                        + " certificate could be read: connection refused (openssl s_client -connect localhost:" + closed + " on web-1)");
        assertThatThrownBy(() -> assertThat(web).tlsCertificate(closed).fromTestJvm().isValidForAtLeastDays(1))
                .hasMessage("web-1: expected the TLS certificate served on localhost:" + closed + " to be valid for at least 1d, but no"
                        + " certificate could be read: connection refused (TLS handshake from the test JVM to localhost:" + closed + ")");
    }

    private Path keystore(String name, String... validity) throws Exception {
        Path file = dir.resolve(name + ".p12");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        command.addAll(java.util.List.of(validity));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException(output);
        }
        return file;
    }

    /** Accepts connections one at a time, completes the handshake and waits for the client to hang up. */
    private static final class TlsServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final X509Certificate certificate;
        private final Thread acceptor;

        TlsServer(Path keystoreFile) throws Exception {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystoreFile)) {
                keystore.load(in, PASSWORD);
            }
            certificate = (X509Certificate) keystore.getCertificate("server");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keystore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(this::serve, "tls-test-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout(5_000);
                    client.startHandshake();
                    while (client.getInputStream().read() >= 0) {
                        // until the client hangs up
                    }
                } catch (Exception e) {
                    // a client that hangs up mid-handshake is not the server's problem
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5_000);
        }
    }
}

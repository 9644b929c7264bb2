package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.HttpProbe;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's HTTP server on loopback, asked by curl and by wget on the host. */
class HttpAssertTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host web;
    private HttpServer server;
    private String base;

    @BeforeEach
    void open() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/health") ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        hosts = new LocalHosts("web-1");
        web = hosts.host("web-1");
    }

    @AfterEach
    void close() {
        server.stop(0);
        hosts.close();
    }

    @Test
    void statusAndBodyWithCurl() {
        assertThatCode(() -> assertThat(web).http(base + "/health").hasStatus(200).bodyContains("\"UP\"")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(web).http(base + "/health/deep").hasStatus(200))
                .hasMessage("web-1: expected " + base + "/health/deep to have status 200, but it has 404 (curl " + base + "/health/deep on web-1)");
        assertThatThrownBy(() -> assertThat(web).http(base + "/health").bodyContains("DOWN"))
                .hasMessage("web-1: expected the body of " + base + "/health to contain \"DOWN\", but it does not (curl " + base
                        + "/health on web-1)");
    }

    @Test
    void wgetWhereThereIsNoCurl() {
        Host noCurl = new RestrictedPathHost(web, dir.resolve("bin"), "wget");
        assertThatCode(() -> assertThat(noCurl).http(base + "/health").hasStatus(200).bodyContains("UP")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(noCurl).http(base + "/health/deep").hasStatus(200))
                .hasMessage("web-1: expected " + base + "/health/deep to have status 200, but it has 404 (wget " + base + "/health/deep on web-1)");
    }

    @Test
    void nothingAnswers() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        assertThatThrownBy(() -> assertThat(web).http(url).hasStatus(200))
                .hasMessage("web-1: expected " + url + " to have status 200, but it has no response: curl: (7) Failed to connect to 127.0.0.1"
                        + " port " + port + ": Couldn't connect to server (curl " + url + " on web-1)");
        Host noCurl = new RestrictedPathHost(web, dir.resolve("bin"), "wget");
        assertThatThrownBy(() -> assertThat(noCurl).http(url).hasStatus(200))
                .hasMessage("web-1: expected " + url + " to have status 200, but it has no response: wget exited with 4 (network failure)"
                        + " (wget " + url + " on web-1)");
    }

    /**
     * GNU wget retries a failed request up to 20 times, waiting longer each time: one probe would
     * outlast the check's timeout. It must ask once.
     */
    @Test
    void gnuWgetAsksOnce() throws Exception {
        assumeTrue(gnuWget(), "GNU wget is installed");
        try (ServerSocket hangsUp = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger requests = new AtomicInteger();
            Thread server = new Thread(() -> hangUpOnEveryRequest(hangsUp, requests));
            server.start();
            String url = "http://127.0.0.1:" + hangsUp.getLocalPort() + "/health";
            Host noCurl = new RestrictedPathHost(web, dir.resolve("bin"), "wget");
            long started = System.nanoTime();

            assertThatThrownBy(() -> assertThat(noCurl).http(url).hasStatus(200))
                    .hasMessage("web-1: expected " + url + " to have status 200, but it has no response: wget exited with 4"
                            + " (network failure) (wget " + url + " on web-1)");
            assertThat(requests).hasValue(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(HttpProbe.TIMEOUT_SECONDS));
        }
    }

    /**
     * BusyBox's wget makes one attempt and knows no -t; Debian's build has no -T either, and
     * crashes when given one. It is told only what its usage text lists.
     */
    @Test
    void busyBoxWget() throws Exception {
        assumeTrue(Files.isExecutable(BUSYBOX), "BusyBox is installed");
        Host busyBox = new RestrictedPathHost(web, dir.resolve("busybox"));
        Files.createSymbolicLink(dir.resolve("busybox/wget"), BUSYBOX);

        assertThatCode(() -> assertThat(busyBox).http(base + "/health").hasStatus(200).bodyContains("UP")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(busyBox).http(base + "/health/deep").hasStatus(200))
                .hasMessage("web-1: expected " + base + "/health/deep to have status 200, but it has 404 (wget " + base + "/health/deep on web-1)");
        String nothing = "http://127.0.0.1:" + unusedPort() + "/";
        assertThatThrownBy(() -> assertThat(busyBox).http(nothing).hasStatus(200))
                .hasMessage("web-1: expected " + nothing + " to have status 200, but it has no response: wget: can't connect to remote host"
                        + " (127.0.0.1): Connection refused (wget " + nothing + " on web-1)");
    }

    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    private static boolean gnuWget() throws Exception {
        Process version = new ProcessBuilder("wget", "--version").redirectErrorStream(true).start();
        String said = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return version.waitFor() == 0 && said.startsWith("GNU Wget");
    }

    /** Reads each request and closes the connection without a word, which wget counts as a failed try. */
    private static void hangUpOnEveryRequest(ServerSocket server, AtomicInteger requests) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                requests.incrementAndGet();
                BufferedReader request = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                    // the request's headers, up to the blank line that ends them
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void neitherCurlNorWget() {
        Host bare = new RestrictedPathHost(web, dir.resolve("bin"), "cat");
        assertThatThrownBy(() -> assertThat(bare).http(base + "/health").hasStatus(200))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: cannot check " + base + "/health: neither curl nor wget is installed");
    }

    @Test
    void onlyHttpUrls() {
        assertThatThrownBy(() -> assertThat(web).http("file:///etc/shadow")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'file:///etc/shadow' is not an http:// or https:// URL");
    }
}

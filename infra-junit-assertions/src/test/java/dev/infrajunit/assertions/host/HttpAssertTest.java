package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

package dev.infrajunit.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * What a demo web host serves: its site over HTTPS with its own certificate, and a plain HTTP
 * health endpoint for the load balancer, both on loopback and on ports the system picks.
 */
final class WebServer implements AutoCloseable {

    /** How long the demo certificates are valid: well beyond the 21 days the web spec asks for. */
    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(90);

    static final String HEALTH_PATH = "/health";

    private final HttpsServer https;
    private final HttpServer http;
    private final X509Certificate certificate;

    private WebServer(HttpsServer https, HttpServer http, X509Certificate certificate) {
        this.https = https;
        this.http = http;
        this.certificate = certificate;
    }

    static WebServer start(String hostName) {
        SelfSignedCertificate certificate = SelfSignedCertificate.issue(hostName, CERTIFICATE_VALIDITY);
        HttpsServer https = null;
        try {
            https = HttpsServer.create(loopback(), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            https.createContext("/", exchange -> respond(exchange, 200, "Welcome to " + hostName + "\n"));
            https.createContext(HEALTH_PATH, exchange -> respond(exchange, 200, "ok\n"));
            HttpServer http = HttpServer.create(loopback(), 0);
            http.createContext(HEALTH_PATH, exchange -> respond(exchange, 200, "ok\n"));
            http.createContext("/", exchange -> respond(exchange, 404, "not found\n"));
            https.start();
            http.start();
            return new WebServer(https, http, certificate.certificate());
        } catch (IOException e) {
            if (https != null) {
                https.stop(0);
            }
            throw new UncheckedIOException("Could not start the web server of " + hostName, e);
        }
    }

    int httpsPort() {
        return https.getAddress().getPort();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    X509Certificate certificate() {
        return certificate;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        https.stop(0);
        http.stop(0);
    }
}

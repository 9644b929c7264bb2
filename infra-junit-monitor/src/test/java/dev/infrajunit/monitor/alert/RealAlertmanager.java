package dev.infrajunit.monitor.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Alertmanager ({@code prometheus-alertmanager}), started for a test on a free loopback
 * port with its own configuration and data directory, clustering off, and stopped by its PID.
 */
final class RealAlertmanager implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RealAlertmanager(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static RealAlertmanager start(Path directory) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(directory.resolve("alertmanager.yml"), """
                route:
                  receiver: nowhere
                  group_wait: 1s
                  group_interval: 1s
                receivers:
                  - name: nowhere
                """);
        Path data = Files.createDirectories(directory.resolve("alertmanager-data"));
        Path log = directory.resolve("alertmanager.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealAlertmanager alertmanager = new RealAlertmanager(process, URI.create("http://127.0.0.1:" + port), log);
        alertmanager.awaitReady();
        return alertmanager;
    }

    URI base() {
        return base;
    }

    /** {@code GET /api/v2/alerts}: the alerts it holds as active. */
    String alerts() throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("Alertmanager was not ready within 30 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

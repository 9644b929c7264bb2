package dev.infrajunit.monitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.infrajunit.monitor.state.MonitorState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The monitor's HTTP endpoints: {@code /metrics} (Prometheus), {@code /healthz}, {@code /api/status}
 * (JSON) and {@code /} (the status page). They only read the state of the last completed cycle.
 */
public final class MonitorServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    private MonitorServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving.
     *
     * @param listen  the address to listen on; port 0 picks a free one
     * @param state   the state of the last completed cycle
     * @param refresh how often the page reloads itself
     */
    public static MonitorServer start(InetSocketAddress listen, MonitorMetrics metrics, Supplier<MonitorState> state,
                                      Health health, Duration refresh) throws IOException {
        HttpServer server = HttpServer.create(listen, 16);
        server.createContext("/metrics", exchange -> respond(exchange, 200, metrics.contentType(), metrics.exposition()));
        server.createContext("/healthz", exchange -> {
            boolean healthy = health.healthy(state.get());
            respond(exchange, healthy ? 200 : 503, "text/plain; charset=utf-8",
                    (healthy ? "ok\n" : "the last cycle ended more than " + health.limit().toSeconds() + " s ago\n")
                            .getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/api/status", exchange -> respond(exchange, 200, "application/json",
                StatusJson.write(state.get())));
        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            boolean onlyProblems = query != null && Arrays.asList(query.split("&")).contains("problems=1");
            respond(exchange, 200, "text/html; charset=utf-8",
                    StatusPage.render(state.get(), onlyProblems, refresh).getBytes(StandardCharsets.UTF_8));
        });
        ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "infra-monitor-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        return new MonitorServer(server, threads);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

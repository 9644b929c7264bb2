package dev.infrajunit.embedded.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An HTTP server on 127.0.0.1 that stands in for AWS APIs no emulator serves here: it answers each
 * request with the first route that matches it, in the service's own wire format, and records
 * every request so that a caller can check what the SDK asked. A request no route matches gets a
 * 400 and is recorded as unmatched. Requests are not authenticated: the SDK signs them as usual.
 */
public final class AwsStandIn implements AutoCloseable {

    private record Route(Predicate<AwsRequest> matches, Function<AwsRequest, AwsReply> answer) {
    }

    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<AwsRequest> requests = new CopyOnWriteArrayList<>();
    private final List<AwsRequest> unmatched = new CopyOnWriteArrayList<>();

    private AwsStandIn(HttpServer server) {
        this.server = server;
    }

    /** A stand-in listening on a free port of 127.0.0.1; it answers one request at a time, on one thread. */
    public static AwsStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AwsStandIn standIn = new AwsStandIn(server);
        server.createContext("/", standIn::handle);
        server.start();
        return standIn;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers matching requests. Routes are tried in the order they were added. */
    public void on(Predicate<AwsRequest> matches, Function<AwsRequest, AwsReply> answer) {
        routes.add(new Route(matches, answer));
    }

    /** Answers requests of this query-protocol action (EC2, RDS, STS) that also match {@code also}. */
    public void onAction(String action, Predicate<AwsRequest> also, Function<AwsRequest, AwsReply> answer) {
        on(request -> action.equals(request.action()) && also.test(request), answer);
    }

    /** Forgets every route and request. */
    public void reset() {
        routes.clear();
        requests.clear();
        unmatched.clear();
    }

    public List<AwsRequest> requests() {
        return List.copyOf(requests);
    }

    public List<AwsRequest> requests(String action) {
        return requests.stream().filter(request -> action.equals(request.action())).toList();
    }

    public List<AwsRequest> unmatched() {
        return List.copyOf(unmatched);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> parameters = new LinkedHashMap<>(decode(exchange.getRequestURI().getRawQuery()));
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                parameters.putAll(decode(body));
            }
            AwsRequest request = new AwsRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Collections.unmodifiableMap(parameters), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            send(exchange, answer(request));
        }
    }

    private AwsReply answer(AwsRequest request) {
        Route route = routes.stream().filter(candidate -> candidate.matches().test(request)).findFirst().orElse(null);
        if (route == null) {
            unmatched.add(request);
            return text(400, "no answer for " + request);
        }
        try {
            return route.answer().apply(request);
        } catch (RuntimeException e) {
            // an answer that could not be made is the stand-in's fault: say so rather than drop the connection
            return text(500, "the stand-in could not answer " + request + ": " + e);
        }
    }

    private static AwsReply text(int status, String text) {
        return new AwsReply(status, "text/plain", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, AwsReply reply) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.getResponseHeaders().add("x-amzn-RequestId", "3f1b6e1c-0000-4000-8000-000000000000");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    /** Stops listening and ends its thread. */
    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.infrajunit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.runtime.RunEnvironment;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP server on 127.0.0.1 that answers AWS API calls with recorded responses from
 * {@code src/test/resources/aws/...}, in the services' documented wire formats (EC2 and RDS query
 * XML, S3 REST XML, AWS Backup REST JSON), and records every request so a test can check that
 * the SDK made the right call. There is no emulator of EC2, RDS or AWS Backup to run here.
 * A request no route matches gets a 400 and is recorded as unmatched.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static}) it starts before the class's tests,
 * and after each test closes the environments it made, checks that every request matched a
 * route, and forgets routes and requests.
 */
public final class RecordedAwsServer implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The region the environments it makes are in. */
    public static final String REGION = "eu-west-1";

    /** One request as the server saw it; query and form parameters decoded. */
    public record Request(String method, String path, Map<String, String> parameters, Map<String, List<String>> headers, String body) {

        public String parameter(String name) {
            return parameters.get(name);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        /** The EC2 and RDS query protocol's operation name. */
        public String action() {
            return parameter("Action");
        }
    }

    private record Route(Predicate<Request> matches, int status, String resource, String contentType, Map<String, String> headers) {
    }

    private HttpServer server;
    private final List<RunEnvironment> environments = new CopyOnWriteArrayList<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> unmatched = new CopyOnWriteArrayList<>();

    /** A server started now, for use outside an extension. */
    public static RecordedAwsServer started() throws IOException {
        RecordedAwsServer server = new RecordedAwsServer();
        server.start();
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    private void start() throws IOException {
        TestAwsCredentials.install();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        environments.forEach(RunEnvironment::close);
        environments.clear();
        List<Request> missed = unmatched();
        reset();
        assertThat(missed).as("requests no recorded response matched").isEmpty();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * A run environment whose AWS calls come here ({@code aws.endpoint}, in {@value #REGION}),
     * closed after the test.
     */
    public RunEnvironment environment(HostDefinition... hosts) {
        RunEnvironment environment = TestEnvironments.environment(Map.of("aws", Map.of("region", REGION, "endpoint", endpoint().toString())), hosts);
        environments.add(environment);
        return environment;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers requests of this query-protocol action (EC2, RDS) with a recorded XML file. */
    public void onAction(String action, Predicate<Request> also, int status, String resource) {
        on(request -> action.equals(request.action()) && also.test(request), status, resource, "text/xml;charset=UTF-8", Map.of());
    }

    public void onAction(String action, String resource) {
        onAction(action, request -> true, 200, resource);
    }

    /** Answers matching requests with a recorded file. Routes are tried in the order they were added. */
    public void on(Predicate<Request> matches, int status, String resource, String contentType, Map<String, String> headers) {
        routes.add(new Route(matches, status, resource, contentType, headers));
    }

    /** Forgets every route and request, for the next test. */
    public void reset() {
        routes.clear();
        requests.clear();
        unmatched.clear();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String action) {
        return requests.stream().filter(request -> action.equals(request.action())).toList();
    }

    public List<Request> unmatched() {
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
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Collections.unmodifiableMap(parameters), Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Route route = routes.stream().filter(candidate -> candidate.matches().test(request)).findFirst().orElse(null);
            if (route == null) {
                unmatched.add(request);
                send(exchange, 400, "text/plain", Map.of(), ("no recorded response for " + request).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, route.status(), route.contentType(), route.headers(), read(route.resource()));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, Map<String, String> headers, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "3f1b6e1c-0000-4000-8000-000000000000");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = RecordedAwsServer.class.getResourceAsStream("/aws/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response aws/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** Every value of a query-protocol list parameter: {@code Filter.1.Value.1}, {@code Filter.1.Value.2}, ... */
    public static List<String> values(Request request, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; request.parameter(prefix + i) != null; i++) {
            values.add(request.parameter(prefix + i));
        }
        return values;
    }

    /** The values of the EC2 filter of that name, in request order. */
    public static List<String> filter(Request request, String name) {
        for (int i = 1; request.parameter("Filter." + i + ".Name") != null; i++) {
            if (name.equals(request.parameter("Filter." + i + ".Name"))) {
                return values(request, "Filter." + i + ".Value.");
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

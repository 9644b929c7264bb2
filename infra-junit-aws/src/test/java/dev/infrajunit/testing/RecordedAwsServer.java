package dev.infrajunit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.embedded.aws.AwsReply;
import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.embedded.aws.AwsStandIn;
import dev.infrajunit.embedded.aws.RdsStandIn;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.runtime.RunEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link AwsStandIn} that answers AWS API calls with recorded responses from
 * {@code src/test/resources/aws/...}, in the services' documented wire formats (EC2 and RDS query
 * XML, S3 REST XML, AWS Backup REST JSON), so a test can check that the SDK made the right call.
 * There is no emulator of EC2, RDS or AWS Backup to run here.
 *
 * <p>As a JUnit extension ({@code @RegisterExtension static}) it starts before the class's tests,
 * and after each test closes the environments it made, checks that every request matched a
 * route, and forgets routes and requests.
 */
public final class RecordedAwsServer implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The region the environments it makes are in. */
    public static final String REGION = "eu-west-1";

    private AwsStandIn standIn;
    private final List<RunEnvironment> environments = new CopyOnWriteArrayList<>();

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
        standIn = AwsStandIn.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        environments.forEach(RunEnvironment::close);
        environments.clear();
        List<AwsRequest> missed = unmatched();
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
        return standIn.endpoint();
    }

    /** Answers requests of this query-protocol action (EC2, RDS) with a recorded XML file. */
    public void onAction(String action, Predicate<AwsRequest> also, int status, String resource) {
        on(request -> action.equals(request.action()) && also.test(request), status, resource, AwsReply.QUERY_XML, Map.of());
    }

    public void onAction(String action, String resource) {
        onAction(action, request -> true, 200, resource);
    }

    /** Answers matching requests with a recorded file. Routes are tried in the order they were added. */
    public void on(Predicate<AwsRequest> matches, int status, String resource, String contentType, Map<String, String> headers) {
        byte[] body = read(resource);
        standIn.on(matches, request -> new AwsReply(status, contentType, headers, body));
    }

    /** The stand-in itself, for answers made rather than recorded, such as an {@link RdsStandIn}'s. */
    public AwsStandIn standIn() {
        return standIn;
    }

    /** Forgets every route and request, for the next test. */
    public void reset() {
        standIn.reset();
    }

    public List<AwsRequest> requests() {
        return standIn.requests();
    }

    public List<AwsRequest> requests(String action) {
        return standIn.requests(action);
    }

    public List<AwsRequest> unmatched() {
        return standIn.unmatched();
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

    @Override
    public void close() {
        standIn.close();
    }
}

package dev.infrajunit.examples;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Check;
import dev.infrajunit.Eventually;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * What users of the web tier see: HTTPS served, a certificate nobody forgot to renew, a healthy app
 * that finds its database by name and reaches it.
 */
@InfraTest
@Tag("web")
class WebTierSpec {

    @Check
    @ForEachHost("role:web")
    void servesHttps(Host host) {
        assertThat(host).port(httpsPort(host)).isListening();
    }

    @Check
    @ForEachHost("role:web")
    void certificateDoesNotExpireWithin21Days(Host host) {
        assertThat(host).tlsCertificate(httpsPort(host)).isValidForAtLeast(Duration.ofDays(21));
    }

    @Check
    @ForEachHost("role:web")
    @Eventually(timeout = "30s", pollInterval = "2s") // a deploy restarts the app; give it a moment
    void healthEndpointAnswers200(Host host) {
        assertThat(host).http(healthUrl(host)).hasStatus(200);
    }

    @Check
    @ForEachHost("role:web")
    void resolvesTheDatabaseName(Host host) {
        assertThat(host).resolves(databaseName(host));
    }

    @Check
    @ForEachHost("role:web")
    void reachesThePrimaryDatabase(Host host) {
        assertThat(host).reaches("db-1", postgresPort(host.environment().host("db-1")));
    }

    /** 443, unless the environment file gives the host another port (the demo's hosts share one machine). */
    private static int httpsPort(Host host) {
        return host.property("properties.httpsPort").map(port -> Integer.parseInt(port.toString())).orElse(443);
    }

    private static String healthUrl(Host host) {
        return host.property("properties.healthUrl").map(Object::toString).orElse("http://localhost:8080/health");
    }

    private static String databaseName(Host host) {
        return host.property("properties.databaseName").map(Object::toString).orElse("db.internal");
    }

    private static int postgresPort(Host database) {
        return database.property("properties.postgresPort").map(port -> Integer.parseInt(port.toString())).orElse(5432);
    }
}

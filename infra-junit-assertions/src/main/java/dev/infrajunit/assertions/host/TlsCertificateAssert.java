package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;

import dev.infrajunit.Durations;
import dev.infrajunit.assertions.facts.TlsCertificates;
import dev.infrajunit.assertions.facts.TlsCertificates.Served;
import dev.infrajunit.assertions.host.Subjects.TlsEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Assertions about the certificate a TLS server presents:
 * {@code assertThat(host).tlsCertificate(443).isValidForAtLeast(Duration.ofDays(30))}.
 * Read from the host itself with {@code openssl s_client} connecting to the host's address; where
 * the host has no openssl, or after {@link #fromTestJvm()}, the test JVM connects to the host's
 * address instead. The message's last part says which one looked. Time is the test machine's clock.
 */
public class TlsCertificateAssert extends HostSubjectAssert<TlsCertificateAssert, TlsEndpoint> {

    private final Clock clock = Clock.systemUTC();
    private boolean fromTestJvm;
    private Served served;

    public TlsCertificateAssert(TlsEndpoint endpoint) {
        super(endpoint, TlsCertificateAssert.class);
    }

    /** Reads the certificate from the test JVM rather than from the host, as a client outside would see it. */
    public TlsCertificateAssert fromTestJvm() {
        fromTestJvm = true;
        served = null;
        return this;
    }

    /** Not expired, and will not expire for at least this long. */
    public TlsCertificateAssert isValidForAtLeast(Duration minimum) {
        Served found = served();
        String requirement = "to be valid for at least " + Durations.format(minimum);
        if (!found.present()) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), requirement, "no certificate could be read: " + found.failure(),
                    found.source()));
        }
        Instant notAfter = found.certificate().getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        if (left.compareTo(minimum) < 0) {
            String when = left.isNegative() ? "it expired " + Durations.format(left.negated()) + " ago, on " + notAfter
                    : "it expires in " + Durations.format(left) + ", on " + notAfter;
            throw fail(shouldBeWithinLimit(hostName(), subject(), requirement, when, found.source()));
        }
        return this;
    }

    /** The short form of {@code isValidForAtLeast(Duration.ofDays(days))}. */
    public TlsCertificateAssert isValidForAtLeastDays(int days) {
        return isValidForAtLeast(Duration.ofDays(days));
    }

    private Served served() {
        if (served == null) {
            served = fromTestJvm ? TlsCertificates.fromTestJvm(host(), actual.serverName(), actual.port())
                    : TlsCertificates.read(host(), actual.serverName(), actual.port());
        }
        return served;
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;
import static dev.infrajunit.assertions.error.ShouldMatchKey.shouldMatchKey;

import dev.infrajunit.Durations;
import dev.infrajunit.assertions.facts.CertificateFiles;
import dev.infrajunit.assertions.host.Subjects.HostCertificateFile;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A certificate in a PEM file on a host (the first one of a chain file), such as one a service reads
 * but does not serve on a port this check can reach:
 * {@code assertThat(host).certificateFile("/etc/ssl/certs/app.pem").isValidForAtLeast(Duration.ofDays(21))
 * .hasSubjectContaining("CN=app.example.com").matchesKey("/etc/ssl/private/app.key")}.
 * Time is the test machine's clock, as for served certificates.
 */
public class CertificateFileAssert extends HostSubjectAssert<CertificateFileAssert, HostCertificateFile> {

    private final Clock clock = Clock.systemUTC();
    private X509Certificate certificate;

    public CertificateFileAssert(HostCertificateFile file) {
        super(file, CertificateFileAssert.class);
    }

    /** Not expired, and will not expire for at least this long. */
    public CertificateFileAssert isValidForAtLeast(Duration minimum) {
        Instant notAfter = certificate().getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        if (left.compareTo(minimum) < 0) {
            String when = left.isNegative() ? "it expired " + Durations.format(left.negated()) + " ago, on " + notAfter
                    : "it expires in " + Durations.format(left) + ", on " + notAfter;
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to be valid for at least " + Durations.format(minimum),
                    when, actual.path()));
        }
        return this;
    }

    /** The subject's distinguished name, as RFC 2253 writes it, contains this: {@code CN=app.example.com}. */
    public CertificateFileAssert hasSubjectContaining(String part) {
        String subjectName = certificate().getSubjectX500Principal().getName();
        if (!subjectName.contains(part)) {
            throw fail(shouldHave(hostName(), subject(), "a subject containing", part, subjectName, actual.path()));
        }
        return this;
    }

    /** The issuer's distinguished name contains this: {@code O=Let's Encrypt}. */
    public CertificateFileAssert hasIssuerContaining(String part) {
        String issuer = certificate().getIssuerX500Principal().getName();
        if (!issuer.contains(part)) {
            throw fail(shouldHave(hostName(), subject(), "an issuer containing", part, issuer, actual.path()));
        }
        return this;
    }

    /** The private key in this file belongs to the certificate (read on the host with {@code openssl pkey}). */
    public CertificateFileAssert matchesKey(String keyPath) {
        byte[] fromKey = CertificateFiles.publicKeyOf(host(), keyPath);
        if (!Arrays.equals(fromKey, certificate().getPublicKey().getEncoded())) {
            throw fail(shouldMatchKey(hostName(), actual.path(), keyPath, actual.path() + ", openssl pkey -in " + keyPath
                    + " -pubout"));
        }
        return this;
    }

    private X509Certificate certificate() {
        if (certificate == null) {
            certificate = CertificateFiles.certificate(host(), actual.path())
                    .orElseThrow(() -> fail(shouldExist(hostName(), "a certificate in " + actual.path(),
                            "the file holds no PEM certificate", actual.path())));
        }
        return certificate;
    }
}

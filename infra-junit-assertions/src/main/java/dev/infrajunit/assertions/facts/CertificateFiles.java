package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and keys in files on a host: the first certificate of a PEM file (a chain file's
 * leaf), read over the host's transport and parsed here; and the public key of a private key file,
 * which only {@code openssl pkey} on the host reads (the key never leaves the host).
 */
public final class CertificateFiles {

    private static final Pattern FIRST_PEM = Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----",
            Pattern.DOTALL);
    private static final Pattern PUBLIC_KEY = Pattern.compile("-----BEGIN PUBLIC KEY-----(.+?)-----END PUBLIC KEY-----",
            Pattern.DOTALL);

    private CertificateFiles() {
    }

    /** The first certificate in the file; empty when the file holds none. */
    public static Optional<X509Certificate> certificate(Host host, String path) {
        String content = FileFacts.content(host, path);
        Matcher pem = FIRST_PEM.matcher(content);
        if (!pem.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsCertificates.parsePem(pem.group()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The DER encoding of the public key that belongs to a private key file. */
    public static byte[] publicKeyOf(Host host, String keyPath) {
        String purpose = "whether " + keyPath + " matches";
        CommandResult result = HostTools.run(host, Command.of("openssl pkey -in {0} -pubout", keyPath).privileged(),
                "openssl", purpose);
        Matcher key = PUBLIC_KEY.matcher(result.stdout());
        if (!result.succeeded() || !key.find()) {
            throw HostTools.failed(host, purpose, result);
        }
        return Base64.getMimeDecoder().decode(key.group(1).strip());
    }
}

package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** A certificate file and a private key file on a host do not belong together. */
public final class ShouldMatchKey extends InfraErrorMessage {

    private ShouldMatchKey(String host, String certificate, String key, String source) {
        super(host, "the certificate in " + certificate + " to match the private key " + key,
                "its public key is another", source);
    }

    public static ErrorMessageFactory shouldMatchKey(String host, String certificate, String key, String source) {
        return new ShouldMatchKey(host, certificate, key, source);
    }
}

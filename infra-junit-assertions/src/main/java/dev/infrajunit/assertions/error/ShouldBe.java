package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/**
 * A subject is not in the expected state or of the expected kind: a service not running, a
 * package not installed, a port nobody listens on, a path that is a file instead of a directory.
 */
public final class ShouldBe extends InfraErrorMessage {

    private ShouldBe(String host, String subject, boolean negated, String state, String found, String source) {
        super(host, subject + (negated ? " not to be " : " to be ") + state, found, source);
    }

    public static ErrorMessageFactory shouldBe(String host, String subject, String state, String found, String source) {
        return new ShouldBe(host, subject, false, state, found, source);
    }

    public static ErrorMessageFactory shouldNotBe(String host, String subject, String state, String found, String source) {
        return new ShouldBe(host, subject, true, state, found, source);
    }
}

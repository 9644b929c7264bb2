package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** A host cannot open a connection it should, or can open one it should not. */
public final class ShouldReach extends InfraErrorMessage {

    private ShouldReach(String host, String expectation, String found, String source) {
        super(host, expectation, found, source);
    }

    /** {@code app-1: expected to reach db-1:5432 over TCP, but the connection was refused (...)} */
    public static ErrorMessageFactory shouldReach(String host, String target, String found, String source) {
        return new ShouldReach(host, "to reach " + target + " over TCP", found, source);
    }

    public static ErrorMessageFactory shouldNotReach(String host, String target, String source) {
        return new ShouldReach(host, "not to reach " + target + " over TCP", "it connected", source);
    }
}

package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** An attribute has another value than expected: a mode, an owner, a uid, a sysctl value. */
public final class ShouldHave extends InfraErrorMessage {

    private ShouldHave(String host, String subject, String attribute, Object expected, Object actual, String source) {
        super(host, subject + " to have " + attribute + " " + expected, "it has " + actual, source);
    }

    public static ErrorMessageFactory shouldHave(String host, String subject, String attribute, Object expected,
                                                 Object actual, String source) {
        return new ShouldHave(host, subject, attribute, expected, actual, source);
    }
}

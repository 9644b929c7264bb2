package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** Text (file content, command output) lacks an expected string or pattern. */
public final class ShouldContain extends InfraErrorMessage {

    private ShouldContain(String host, String subject, String wanted, String found, String source) {
        super(host, subject + " to contain " + wanted, found, source);
    }

    public static ErrorMessageFactory shouldContain(String host, String subject, String text, String source) {
        return new ShouldContain(host, subject, "\"" + text + "\"", "it does not", source);
    }

    /** When what was found is short enough to show: a configuration value, a list. */
    public static ErrorMessageFactory shouldContain(String host, String subject, String text, String found, String source) {
        return new ShouldContain(host, subject, "\"" + text + "\"", "it is " + found, source);
    }

    public static ErrorMessageFactory shouldContainPattern(String host, String subject, String regex, String source) {
        return new ShouldContain(host, subject, "a match for /" + regex + "/", "it does not", source);
    }
}

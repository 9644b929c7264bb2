package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** Text (file content, command output) has something it must not have; the finding quotes the line. */
public final class ShouldNotContain extends InfraErrorMessage {

    private ShouldNotContain(String host, String subject, String unwanted, int lineNumber, String line, String source) {
        super(host, subject + " not to contain " + unwanted, "line " + lineNumber + " does: " + line, source);
    }

    public static ErrorMessageFactory shouldNotContain(String host, String subject, String text, int lineNumber,
                                                       String line, String source) {
        return new ShouldNotContain(host, subject, "\"" + text + "\"", lineNumber, line, source);
    }

    public static ErrorMessageFactory shouldNotContainPattern(String host, String subject, String regex, int lineNumber,
                                                              String line, String source) {
        return new ShouldNotContain(host, subject, "a match for /" + regex + "/", lineNumber, line, source);
    }
}

package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** A command ended with another exit status than expected; its standard error tells why. */
public final class ShouldExitWith extends InfraErrorMessage {

    private ShouldExitWith(String host, String commandLine, int expected, int actual, String stderr) {
        super(host, "`" + commandLine + "` to exit with status " + expected, "it exited with " + actual,
                stderr.isBlank() ? "nothing on stderr" : "stderr: " + firstLine(stderr));
    }

    public static ErrorMessageFactory shouldExitWith(String host, String commandLine, int expected, int actual, String stderr) {
        return new ShouldExitWith(host, commandLine, expected, actual, stderr);
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
    }
}

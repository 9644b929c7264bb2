package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldContain.shouldContain;
import static dev.infrajunit.assertions.error.ShouldContain.shouldContainPattern;
import static dev.infrajunit.assertions.error.ShouldNotContain.shouldNotContain;
import static dev.infrajunit.assertions.error.ShouldNotContain.shouldNotContainPattern;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Contains / matches checks shared by file content and command output, reporting the offending line. */
final class TextChecks {

    private TextChecks() {
    }

    static void contains(HostSubjectAssert<?, ?> on, String host, String subject, String text, String wanted, String source) {
        if (!text.contains(wanted)) {
            throw on.fail(shouldContain(host, subject, wanted, source));
        }
    }

    static void doesNotContain(HostSubjectAssert<?, ?> on, String host, String subject, String text, String unwanted,
                               String source) {
        int at = text.indexOf(unwanted);
        if (at >= 0) {
            throw on.fail(shouldNotContain(host, subject, unwanted, lineNumber(text, at), lineAt(text, at), source));
        }
    }

    static void containsPattern(HostSubjectAssert<?, ?> on, String host, String subject, String text, String regex,
                                String source) {
        if (!compile(regex).matcher(text).find()) {
            throw on.fail(shouldContainPattern(host, subject, regex, source));
        }
    }

    static void doesNotContainPattern(HostSubjectAssert<?, ?> on, String host, String subject, String text, String regex,
                                      String source) {
        Matcher matcher = compile(regex).matcher(text);
        if (matcher.find()) {
            int at = matcher.start();
            throw on.fail(shouldNotContainPattern(host, subject, regex, lineNumber(text, at), lineAt(text, at), source));
        }
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE);
    }

    private static int lineNumber(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String lineAt(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = text.indexOf('\n', offset);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}

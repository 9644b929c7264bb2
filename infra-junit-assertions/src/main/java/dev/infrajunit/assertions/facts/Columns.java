package dev.infrajunit.assertions.facts;

import java.util.regex.Pattern;

/** The columns of a tool's output line, as a shell reads words: split at runs of blanks. */
final class Columns {

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private Columns() {
    }

    /** The columns of {@code line}; a blank at its start makes an empty first column, as {@link String#split} does. */
    static String[] of(String line) {
        return BLANKS.split(line);
    }

    /** At most {@code limit} columns, the last one holding the rest of the line. */
    static String[] of(String line, int limit) {
        return BLANKS.split(line, limit);
    }
}

package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A command line for a host: a fixed template whose placeholders {@code {0}}, {@code {1}}, ... are
 * replaced by the arguments, each shell-quoted, so no argument can add a command of its own.
 *
 * <pre>{@code Command.of("stat -c '%a %U %G' -- {0}", path)}</pre>
 */
@API(status = STABLE)
public final class Command {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    /** A word no POSIX shell reads as anything but itself. */
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final String template;
    private final List<String> arguments;
    private final String line;
    private final boolean privileged;

    private Command(String template, List<String> arguments, boolean privileged) {
        this.template = template;
        this.arguments = arguments;
        this.line = render(template, arguments);
        this.privileged = privileged;
    }

    /** A command from a template and its arguments; every argument is shell-quoted. */
    public static Command of(String template, Object... arguments) {
        Objects.requireNonNull(template, "template");
        if (template.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the command template '" + template.replace("\0", "\\0")
                    + "' contains a NUL character (at index " + template.indexOf('\0') + "), which no command line can carry");
        }
        String[] words = stringify(arguments);
        for (int i = 0; i < words.length; i++) {
            if (words[i].indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument {" + i + "} of the command '" + template + "' contains a NUL"
                        + " character (at index " + words[i].indexOf('\0') + "), which no command line can carry; a file"
                        + " name or word with NUL cannot exist on the host");
            }
        }
        return new Command(template, List.of(words), false);
    }

    /**
     * The same command, to be run with {@code sudo -n} on hosts whose environment entry says
     * {@code sudo: true}; elsewhere it runs as the connecting user.
     */
    public Command privileged() {
        return new Command(template, arguments, true);
    }

    public String template() {
        return template;
    }

    public List<String> arguments() {
        return arguments;
    }

    /** The command line as sent to the host's shell. */
    public String line() {
        return line;
    }

    public boolean isPrivileged() {
        return privileged;
    }

    /**
     * Quotes one word for a POSIX shell: inside single quotes nothing is special, and a single
     * quote itself is written as {@code '\''}.
     */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String render(String template, List<String> arguments) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            int index = Integer.parseInt(matcher.group(1));
            if (index >= arguments.size()) {
                throw new IllegalArgumentException("Command template '" + template + "' refers to {"
                        + index + "} but has only " + arguments.size() + " argument(s); {n} stands for the n-th argument,"
                        + " so text with braces, such as a regular expression's {3}, goes in an argument:"
                        + " Command.of(\"grep -E {0} file\", \"[0-9]{3}\")");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(quote(arguments.get(index))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String[] stringify(Object[] arguments) {
        String[] words = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            words[i] = String.valueOf(Objects.requireNonNull(arguments[i], "argument " + i));
        }
        return words;
    }

    @Override
    public String toString() {
        return line;
    }
}

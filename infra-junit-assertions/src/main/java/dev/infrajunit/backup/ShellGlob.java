package dev.infrajunit.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file glob turned into a shell word in which only the glob's own wildcards are unquoted. The
 * literal runs between them become {@link dev.infrajunit.Command} arguments, so the shell
 * quotes them and expands nothing in them: no {@code $(...)}, no variables, no word splitting,
 * no second glob. What stays unquoted is {@code *}, {@code ?}, bracket expressions of letters,
 * digits, {@code .}, {@code _} and {@code -} (such as {@code [0-9]} or {@code [!a-z]}), and a
 * leading {@code ~/}.
 */
final class ShellGlob {

    private static final Pattern SAFE_BRACKET = Pattern.compile("[!^]?[A-Za-z0-9._-]+");

    /** A run of the glob: literal text, or a wildcard kept as it is. */
    private record Part(String text, boolean wildcard) {
    }

    private final String glob;
    private final boolean home;
    private final List<Part> parts;

    private ShellGlob(String glob, boolean home, List<Part> parts) {
        this.glob = glob;
        this.home = home;
        this.parts = parts;
    }

    /**
     * @throws IllegalArgumentException when the glob is relative, or when a bracket expression
     *         holds characters other than letters, digits, {@code .}, {@code _} and {@code -}
     */
    static ShellGlob parse(String glob) {
        boolean home = glob.equals("~") || glob.startsWith("~/");
        if (!home && !glob.startsWith("/")) {
            // relative to the login's directory, a match could begin with '-' and reach a command as an option
            throw new IllegalArgumentException("'" + glob + "' is a relative path; write it from / (/var/backups/*.dump)"
                    + " or from the login's home (~/backups/*.dump)");
        }
        String rest = home ? glob.substring(Math.min(2, glob.length())) : glob;
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            String wildcard = null;
            if (c == '*' || c == '?') {
                wildcard = String.valueOf(c);
            } else if (c == '[') {
                int close = rest.indexOf(']', i + 1);
                if (close > i + 1) {
                    String inside = rest.substring(i + 1, close);
                    if (!SAFE_BRACKET.matcher(inside).matches()) {
                        throw new IllegalArgumentException("the bracket expression [" + inside + "] in " + glob
                                + " may hold only letters, digits, '.', '_', '-' and a leading '!'");
                    }
                    // POSIX sh negates with '!'; '^' is a bash extension.
                    wildcard = "[" + (inside.startsWith("^") ? "!" + inside.substring(1) : inside) + "]";
                    i = close;
                }
            }
            if (wildcard == null) {
                literal.append(c);
            } else {
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(wildcard, true));
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), false));
        }
        return new ShellGlob(glob, home, List.copyOf(parts));
    }

    /**
     * The glob as a template fragment: wildcards as they are, each literal run as a placeholder
     * whose argument is added to {@code arguments}.
     */
    String word(List<Object> arguments) {
        StringBuilder word = new StringBuilder(home ? "~/" : "");
        for (Part part : parts) {
            if (part.wildcard()) {
                word.append(part.text());
            } else {
                word.append('{').append(arguments.size()).append('}');
                arguments.add(part.text());
            }
        }
        return word.isEmpty() ? "~" : word.toString();
    }

    /**
     * The directory the glob searches before its first wildcard, as a template fragment:
     * {@code /var/backups/pg} for {@code /var/backups/pg/db-*.dump}.
     */
    String directoryWord(List<Object> arguments) {
        String directory = directory();
        if (directory.isEmpty()) {
            return home ? "~" : ".";
        }
        arguments.add(directory);
        return (home ? "~/" : "") + "{" + (arguments.size() - 1) + "}";
    }

    /** The directory the glob searches, as messages show it. */
    String displayDirectory() {
        String directory = directory();
        if (home) {
            return directory.isEmpty() ? "~" : "~/" + directory;
        }
        return directory.isEmpty() ? "." : directory;
    }

    /**
     * How a match is named in messages: the path below the glob's directory, e.g. the file name for
     * {@code /var/backups/pg/*.dump} and {@code pg/db.dump} for {@code /var/backups/*}{@code /db.dump}.
     */
    String nameOf(String path) {
        String below = globBelowDirectory();
        int segments = below.isEmpty() ? 1 : below.split("/", -1).length;
        int start = path.length();
        for (int i = 0; i < segments && start > 0; i++) {
            start = path.lastIndexOf('/', start - 1);
            if (start < 0) {
                return path;
            }
        }
        return path.substring(start + 1);
    }

    private String directory() {
        String prefix = literalPrefix();
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        return slash == 0 ? "/" : prefix.substring(0, slash);
    }

    private String globBelowDirectory() {
        String text = home ? glob.substring(Math.min(2, glob.length())) : glob;
        int slash = literalPrefix().lastIndexOf('/');
        return slash < 0 ? text : text.substring(slash + 1);
    }

    /** The glob's text up to its first wildcard, or all of it when it has none. */
    private String literalPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (Part part : parts) {
            if (part.wildcard()) {
                break;
            }
            prefix.append(part.text());
        }
        return prefix.toString();
    }

    @Override
    public String toString() {
        return glob;
    }
}

package dev.infrajunit.transport.ssh;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cautious reading of one command line: can it be trusted to leave the shell that runs it as it
 * was? Yes when every word in a command's place (at the start, after {@code ;}, {@code &&},
 * {@code ||}, {@code |}, a line break or a keyword such as {@code then}) is a plain name, neither
 * quoted nor expanded nor a pattern, neither an assignment nor a redirection, and not a name that
 * can change the shell ({@link #SHELL_CHANGING}). Whatever the reading cannot be sure of answers
 * no: quotes left open, parentheses, braces, comments, here-documents, command substitution,
 * {@code ${...}} (which can assign), bash's {@code $'...'}, a job sent to the background and a
 * blank line.
 */
final class ShellStateReading {

    /**
     * Names that, as a command, can change the shell that runs them: POSIX's built-ins that do,
     * the keywords that assign ({@code for}, {@code select}) or time a command in place, and bash's
     * and BusyBox's own. {@code command} and {@code printf} are read apart ({@link #mayTake}).
     */
    private static final Set<String> SHELL_CHANGING = Set.of(".", "alias", "bg", "bind", "break", "builtin", "caller", "case",
            "cd", "compgen", "complete", "compopt", "continue", "coproc", "declare", "dirs", "disown", "enable", "eval", "exec",
            "exit", "export", "fc", "fg", "for", "function", "getopts", "hash", "history", "jobs", "let", "local", "logout",
            "mapfile", "popd", "pushd", "read", "readarray", "readonly", "return", "select", "set", "setopt", "shift", "shopt",
            "source", "suspend", "time", "trap", "typeset", "ulimit", "umask", "unalias", "unset", "wait");
    /** Keywords after which a command comes. */
    private static final Set<String> LEADING_KEYWORDS = Set.of("!", "if", "then", "elif", "else", "while", "until", "do");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final String WORD_ENDS = " \t\n;|&<>";
    private static final String NEVER_SURE = "(){}`";

    /** A word after quote removal; plain when nothing in it was quoted, expanded or a pattern. */
    private record Word(String text, boolean plain) {
    }

    private final String line;
    private int at;

    private ShellStateReading(String line) {
        this.line = line;
    }

    static boolean leavesItsShellAlone(String line) {
        return !line.isBlank() && new ShellStateReading(line).read();
    }

    private boolean read() {
        boolean atCommand = true;
        String command = "";
        int arguments = 0;
        while (at < line.length()) {
            char c = line.charAt(at);
            if (c == ' ' || c == '\t') {
                at++;
            } else if (c == '\n' || c == ';' || c == '|' || line.startsWith("&&", at)) {
                atCommand = true;
                at += c == '&' ? 2 : 1;
            } else if (c == '<' || c == '>') {
                if (atCommand || line.startsWith("<<", at)) {
                    return false;
                }
                // >, >>, >&, >|, <&, <>: the word after it names a file, and is read as an argument
                at += next() >= 0 && "<>&|".indexOf(next()) >= 0 ? 2 : 1;
            } else if (c == '&' || c == '#' || NEVER_SURE.indexOf(c) >= 0) {
                return false;
            } else {
                Word word = word();
                if (word == null) {
                    return false;
                }
                if (atCommand) {
                    boolean redirected = at < line.length() && "<>".indexOf(line.charAt(at)) >= 0;
                    if (!word.plain() || redirected || ASSIGNMENT.matcher(word.text()).matches()
                            || SHELL_CHANGING.contains(word.text())) {
                        return false;
                    }
                    atCommand = LEADING_KEYWORDS.contains(word.text());
                    command = word.text();
                    arguments = 0;
                } else if (!mayTake(command, arguments++, word.text())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The word that starts here, or null when the reading cannot be sure of it. */
    private Word word() {
        StringBuilder text = new StringBuilder();
        boolean plain = true;
        while (at < line.length() && WORD_ENDS.indexOf(line.charAt(at)) < 0) {
            char c = line.charAt(at);
            if (NEVER_SURE.indexOf(c) >= 0 || c == '$' && next() >= 0 && "({'".indexOf(next()) >= 0) {
                return null;
            }
            if (c == '\\') {
                if (next() < 0) {
                    return null;
                }
                text.append((char) next());
                at += 2;
                plain = false;
            } else if (c == '\'') {
                int end = line.indexOf('\'', at + 1);
                if (end < 0) {
                    return null;
                }
                text.append(line, at + 1, end);
                at = end + 1;
                plain = false;
            } else if (c == '"') {
                if (!doubleQuoted(text)) {
                    return null;
                }
                plain = false;
            } else {
                // a lone [ is the test command, not a pattern
                boolean loneBracket = c == '[' && text.isEmpty() && (next() < 0 || next() == ' ' || next() == '\t');
                plain &= "$*?[".indexOf(c) < 0 || loneBracket;
                text.append(c);
                at++;
            }
        }
        return new Word(text.toString(), plain);
    }

    /** Reads a double-quoted part into {@code text}; false when it is left open or holds a substitution. */
    private boolean doubleQuoted(StringBuilder text) {
        for (at++; at < line.length() && line.charAt(at) != '"'; at++) {
            char c = line.charAt(at);
            if (c == '`' || c == '$' && next() >= 0 && "({".indexOf(next()) >= 0) {
                return false;
            }
            if (c == '\\' && next() >= 0) {
                at++;
                c = line.charAt(at);
            }
            text.append(c);
        }
        if (at >= line.length()) {
            return false;
        }
        at++;
        return true;
    }

    /** The character after the current one, or -1 at the end. */
    private int next() {
        return at + 1 < line.length() ? line.charAt(at + 1) : -1;
    }

    /** {@code command} runs the command it is given, {@code command -v} only looks it up; bash's {@code printf -v} assigns. */
    private static boolean mayTake(String command, int index, String argument) {
        return switch (command) {
            case "command" -> index > 0 || argument.equals("-v") || argument.equals("-V");
            case "printf" -> !argument.equals("-v");
            default -> true;
        };
    }
}

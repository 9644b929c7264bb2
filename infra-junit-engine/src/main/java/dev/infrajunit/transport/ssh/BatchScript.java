package dev.infrajunit.transport.ssh;

import dev.infrajunit.Command;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The script a batch of commands sends to {@code sh -s}. What one command does must not reach the
 * commands after it, and no command may read the script as its input, so each runs with standard
 * input from /dev/null, through {@code eval} of its quoted text, so that a syntax error in it
 * cannot swallow the commands after it, and in one of two ways:
 * <ul>
 * <li>a command that cannot change its shell ({@link #leavesItsShellAlone}) runs in the batch's
 *     shell itself, inside braces that {@code command eval} runs ({@code command} so that a syntax
 *     error does not end the shell, which POSIX allows after an error in a special built-in): the
 *     shell starts its programs as it starts any, with a light {@code vfork} where it has one;</li>
 * <li>any other command runs in a subshell of its own, so that {@code exit}, {@code cd},
 *     {@code set -e}, an assignment or a trap stay with it: a full fork of the shell, then one for
 *     each program it starts.</li>
 * </ul>
 * After each command the script prints a frame line on standard output (index and exit status)
 * and one on standard error (index), which {@link FrameSplitter} cuts the streams at. The
 * boundary is random for each batch and is written only in the script, which no command can read,
 * so no command's output can forge a frame.
 */
final class BatchScript {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Names that, as a command, can change the shell that runs them: POSIX's built-ins that do,
     * the keywords that assign ({@code for}, {@code select}) or time a command in place, and bash's
     * and BusyBox's own. {@code command} and {@code printf} are read apart: only
     * {@code command -v} and {@code printf} without {@code -v} are left to run.
     */
    private static final Set<String> SHELL_CHANGING = Set.of(".", "alias", "bg", "bind", "break", "builtin", "caller", "case",
            "cd", "compgen", "complete", "compopt", "continue", "coproc", "declare", "dirs", "disown", "enable", "eval", "exec",
            "exit", "export", "fc", "fg", "for", "function", "getopts", "hash", "history", "jobs", "let", "local", "logout",
            "mapfile", "popd", "pushd", "read", "readarray", "readonly", "return", "select", "set", "setopt", "shift", "shopt",
            "source", "suspend", "time", "trap", "typeset", "ulimit", "umask", "unalias", "unset", "wait");
    /** Keywords after which a command comes. */
    private static final Set<String> LEADING_KEYWORDS = Set.of("!", "if", "then", "elif", "else", "while", "until", "do");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    private BatchScript() {
    }

    /** A boundary no output can be expected to contain: 128 random bits. */
    static String boundary() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "infra-junit-" + HexFormat.of().formatHex(bits);
    }

    static String of(String boundary, List<String> lines) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (leavesItsShellAlone(line)) {
                // the braces on lines of their own, so that neither joins a word of the command
                script.append("command eval ").append(Command.quote("{\n" + line + "\n} </dev/null")).append('\n');
            } else {
                script.append("( eval ").append(Command.quote(line)).append(" ) </dev/null\n");
            }
            script.append("printf '\\n%s %s %s\\n' ").append(boundary).append(' ').append(i).append(" \"$?\"\n")
                    .append("printf '\\n%s %s\\n' ").append(boundary).append(' ').append(i).append(" >&2\n");
        }
        return script.toString();
    }

    /**
     * Whether a command can be trusted to leave the shell that runs it as it was: every word in a
     * command's place (at the start, after {@code ;}, {@code &&}, {@code ||}, {@code |}, a line
     * break or a keyword such as {@code then}) is a plain name, neither quoted nor expanded nor a
     * pattern, neither an assignment nor a redirection, and not a name that can change the shell
     * ({@link #SHELL_CHANGING}). Whatever this reading cannot be sure of answers no: quotes left
     * open, parentheses, braces, comments, here-documents, command substitution, {@code ${...}}
     * (which can assign), bash's {@code $'...'}, a job sent to the background and a blank command.
     */
    static boolean leavesItsShellAlone(String line) {
        if (line.isBlank()) {
            return false;
        }
        boolean atCommand = true;
        String command = "";
        int arguments = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\n' || c == ';' || c == '|') {
                atCommand = true;
                i++;
            } else if (c == '&') {
                if (!line.startsWith("&&", i)) {
                    return false;
                }
                atCommand = true;
                i += 2;
            } else if (c == '<' || c == '>') {
                if (atCommand || line.startsWith("<<", i)) {
                    return false;
                }
                // >, >>, >&, >|, <&, <>: the word after it is a file, read as an argument
                i += i + 1 < n && "<>&|".indexOf(line.charAt(i + 1)) >= 0 ? 2 : 1;
            } else if ("(){}#`".indexOf(c) >= 0) {
                return false;
            } else {
                StringBuilder word = new StringBuilder();
                boolean plain = true;
                while (i < n && " \t\n;|&<>".indexOf(line.charAt(i)) < 0) {
                    char w = line.charAt(i);
                    if ("(){}`".indexOf(w) >= 0) {
                        return false;
                    } else if (w == '\\') {
                        if (i + 1 >= n) {
                            return false;
                        }
                        plain = false;
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else if (w == '\'') {
                        int end = line.indexOf('\'', i + 1);
                        if (end < 0) {
                            return false;
                        }
                        plain = false;
                        word.append(line, i + 1, end);
                        i = end + 1;
                    } else if (w == '"') {
                        for (i++; i < n && line.charAt(i) != '"'; i++) {
                            char quoted = line.charAt(i);
                            if (quoted == '`' || quoted == '$' && i + 1 < n && "({".indexOf(line.charAt(i + 1)) >= 0) {
                                return false;
                            }
                            if (quoted == '\\') {
                                i++;
                            }
                        }
                        if (i >= n) {
                            return false;
                        }
                        plain = false;
                        i++;
                    } else {
                        if (w == '$' && i + 1 < n && "({'".indexOf(line.charAt(i + 1)) >= 0) {
                            return false;
                        }
                        if ("$*?[".indexOf(w) >= 0 && !(w == '[' && word.isEmpty() && (i + 1 == n || " \t".indexOf(line.charAt(i + 1)) >= 0))) {
                            plain = false;
                        }
                        word.append(w);
                        i++;
                    }
                }
                String text = word.toString();
                if (atCommand) {
                    if (!plain || i < n && "<>".indexOf(line.charAt(i)) >= 0 || ASSIGNMENT.matcher(text).matches()
                            || SHELL_CHANGING.contains(text)) {
                        return false;
                    }
                    atCommand = LEADING_KEYWORDS.contains(text);
                    command = text;
                    arguments = 0;
                } else if (!mayRun(command, arguments++, text)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code command} runs the command it is given, {@code command -v} only looks it up; bash's {@code printf -v} assigns. */
    private static boolean mayRun(String command, int index, String argument) {
        return switch (command) {
            case "command" -> index > 0 || argument.equals("-v") || argument.equals("-V");
            case "printf" -> !argument.equals("-v");
            default -> true;
        };
    }
}

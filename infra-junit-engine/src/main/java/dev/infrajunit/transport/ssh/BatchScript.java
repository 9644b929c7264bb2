package dev.infrajunit.transport.ssh;

import dev.infrajunit.Command;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The script a batch of commands sends to {@code sh -s}. What one command does must not reach the
 * commands after it, and no command may read the script as its input, so each runs with standard
 * input from /dev/null, through {@code eval} of its quoted text, so that a syntax error in it
 * cannot swallow the commands after it, and in one of two ways:
 * <ul>
 * <li>a command that cannot change its shell ({@link ShellStateReading}) runs in the batch's
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
     * Each line's form, by line: a fleet's hosts are sent the same lines, run after run, and
     * reading one is not free. A spec that makes ever new lines stops adding at the bound.
     */
    private static final Map<String, String> FORMS = new ConcurrentHashMap<>();
    private static final int FORMS_KEPT = 4096;

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
            script.append(form(lines.get(i))).append('\n');
            script.append("printf '\\n%s %s %s\\n' ").append(boundary).append(' ').append(i).append(" \"$?\"\n")
                    .append("printf '\\n%s %s\\n' ").append(boundary).append(' ').append(i).append(" >&2\n");
        }
        return script.toString();
    }

    private static String form(String line) {
        String form = FORMS.get(line);
        if (form == null) {
            form = ShellStateReading.leavesItsShellAlone(line)
                    // the braces on lines of their own, so that neither joins a word of the command
                    ? "command eval " + Command.quote("{\n" + line + "\n} </dev/null")
                    : "( eval " + Command.quote(line) + " ) </dev/null";
            if (FORMS.size() < FORMS_KEPT) {
                FORMS.put(line, form);
            }
        }
        return form;
    }
}

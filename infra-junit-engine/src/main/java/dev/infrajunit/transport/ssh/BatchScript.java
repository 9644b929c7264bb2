package dev.infrajunit.transport.ssh;

import dev.infrajunit.Command;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The script a batch of commands sends to {@code sh -s}. Each command runs in a subshell of its
 * own, so that {@code exit}, {@code cd}, {@code set -e} or a trap stay with it, through
 * {@code eval} of its quoted text, so that a syntax error in one cannot swallow the commands after
 * it, and with standard input from /dev/null, so that no command reads the script as its input.
 * After each command the script prints a frame line on standard output (index and exit status)
 * and one on standard error (index), which {@link FrameSplitter} cuts the streams at. The
 * boundary is random for each batch and is written only in the script, which no command can read,
 * so no command's output can forge a frame.
 */
final class BatchScript {

    private static final SecureRandom RANDOM = new SecureRandom();

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
            script.append("( eval ").append(Command.quote(lines.get(i))).append(" ) </dev/null\n")
                    .append("printf '\\n%s %s %s\\n' ").append(boundary).append(' ').append(i).append(" \"$?\"\n")
                    .append("printf '\\n%s %s\\n' ").append(boundary).append(' ').append(i).append(" >&2\n");
        }
        return script.toString();
    }
}

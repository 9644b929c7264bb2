package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.time.Duration;

/**
 * Whether a host can open a TCP connection to an address and port, tried from the host itself:
 * with bash's {@code /dev/tcp} where bash exists, else with {@code nc -z} (BusyBox has it). The
 * connection is closed at once; nothing is sent.
 */
public final class TcpConnect {

    private static final String TEMPLATE = "if command -v bash >/dev/null 2>&1;"
            + " then timeout {2} bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' {0} {1};"
            + " elif command -v nc >/dev/null 2>&1; then timeout {2} nc -z -w {2} {0} {1};"
            + " else echo 'neither bash nor nc is installed' >&2; exit 127; fi";

    /** What the attempt found: {@code reached}, else why not, as a phrase for a message. */
    public record Attempt(boolean reached, String finding) {
    }

    private TcpConnect() {
    }

    public static Attempt attempt(Host host, String address, int port, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        CommandResult result = host.run(Command.of(TEMPLATE, address, port, seconds));
        if (result.commandNotFound()) {
            throw HostTools.missing(host, "connections to " + address + ":" + port,
                    "neither bash nor nc is installed, and one of them (with timeout) is needed to open a connection");
        }
        return interpret(result.exitStatus(), result.stderr(), address, seconds);
    }

    /** Reads how bash or nc ended; their wording is the C library's, so it is the same on every distribution. */
    static Attempt interpret(int exitStatus, String stderr, String address, long seconds) {
        if (exitStatus == 0) {
            return new Attempt(true, "it connected");
        }
        if (exitStatus == 124) {
            return new Attempt(false, "the connection timed out after " + seconds + "s");
        }
        if (stderr.contains("Connection refused")) {
            return new Attempt(false, "the connection was refused");
        }
        if (stderr.contains("not known") || stderr.contains("name resolution") || stderr.contains("bad address")) {
            return new Attempt(false, address + " does not resolve");
        }
        if (stderr.contains("No route to host")) {
            return new Attempt(false, "there is no route to " + address);
        }
        if (stderr.contains("Network is unreachable")) {
            return new Attempt(false, "the network of " + address + " is unreachable");
        }
        String said = HostTools.firstLine(stderr);
        return new Attempt(false, "the connection failed" + (said.isEmpty() ? "" : ": " + said));
    }

    public static String source(String from, String address, int port, Duration timeout) {
        return "TCP connect from " + from + " to " + address + ":" + port + ", timeout " + Math.max(1, timeout.toSeconds()) + "s";
    }
}

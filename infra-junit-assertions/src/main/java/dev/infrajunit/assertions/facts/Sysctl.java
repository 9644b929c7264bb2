package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.Optional;

/** Kernel parameters, by {@code sysctl -n}, or from {@code /proc/sys} where sysctl is missing. */
public final class Sysctl {

    private Sysctl() {
    }

    /**
     * A parameter's value with its whitespace collapsed (multi-value keys such as
     * {@code net.ipv4.tcp_rmem} print tabs); empty when the kernel has no such key.
     */
    public static Optional<String> value(Host host, String key) {
        CommandResult result = host.run(Command.of("sysctl -n -- {0}", key));
        if (result.commandNotFound()) {
            result = HostTools.run(host, Command.of("cat -- {0}", procPath(key)), "cat", "sysctl " + key);
        }
        if (!result.succeeded()) {
            String stderr = result.stderr();
            // "cannot stat ...: Permission denied" is about reading, not about the key
            if (stderr.contains("No such file") || stderr.contains("unknown key")) {
                return Optional.empty();
            }
            throw HostTools.failed(host, "sysctl " + key, result);
        }
        return Optional.of(collapse(result.stdout()));
    }

    public static String source(String key) {
        return "sysctl -n " + key;
    }

    /** {@code net.ipv4.ip_forward} lives in {@code /proc/sys/net/ipv4/ip_forward}. */
    static String procPath(String key) {
        return "/proc/sys/" + key.replace('.', '/');
    }

    public static String collapse(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }
}

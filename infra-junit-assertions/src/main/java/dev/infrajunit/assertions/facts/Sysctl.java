package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.Arrays;
import java.util.Optional;

/**
 * Kernel parameters, read from {@code /proc/sys} as {@code sysctl -n} reads them. Not through
 * sysctl itself: Debian leaves {@code /usr/sbin} off the PATH of a login that is not root's, so
 * asking sysctl first would often cost a second command, one after the other.
 */
public final class Sysctl {

    private Sysctl() {
    }

    /**
     * A parameter's value with its whitespace collapsed (multi-value keys such as
     * {@code net.ipv4.tcp_rmem} print tabs); empty when the kernel has no such key.
     */
    public static Optional<String> value(Host host, String key) {
        String path = procPath(key);
        if (Arrays.asList(path.split("/")).contains("..")) {
            // a key names a file below /proc/sys, never one elsewhere
            return Optional.empty();
        }
        CommandResult result = HostTools.run(host, Command.of("cat -- {0}", path), "cat", "sysctl " + key);
        if (!result.succeeded()) {
            // "Permission denied" is about reading, not about the key
            if (result.stderr().contains("No such file")) {
                return Optional.empty();
            }
            throw HostTools.failed(host, "sysctl " + key, result);
        }
        return Optional.of(collapse(result.stdout()));
    }

    public static String source(String key) {
        return procPath(key);
    }

    /**
     * The file of a key, as sysctl finds it: {@code net.ipv4.ip_forward} is
     * {@code /proc/sys/net/ipv4/ip_forward}. When a key's first separator is a slash, its dots are
     * part of names; when it is a dot, a slash stands for a dot in a name ({@code eth0/100} is the
     * interface {@code eth0.100}).
     */
    public static String procPath(String key) {
        int dot = key.indexOf('.');
        int slash = key.indexOf('/');
        boolean slashSeparated = slash >= 0 && (dot < 0 || slash < dot);
        StringBuilder path = new StringBuilder("/proc/sys/");
        for (char c : key.toCharArray()) {
            path.append(slashSeparated ? c : c == '.' ? '/' : c == '/' ? '.' : c);
        }
        return path.toString();
    }

    public static String collapse(String value) {
        return String.join(" ", Columns.of(value.strip()));
    }
}

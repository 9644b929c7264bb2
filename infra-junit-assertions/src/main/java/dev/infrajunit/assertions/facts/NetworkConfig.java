package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interfaces and the default route, by {@code ip} (iproute2, and BusyBox's, which prints the same
 * layout): {@code ip addr show dev NAME} and {@code ip route show default}.
 */
public final class NetworkConfig {

    private static final Pattern FLAGS = Pattern.compile("^\\d+:\\s+(\\S+?)(?:@\\S+)?:\\s+<([^>]*)>");
    private static final Pattern ADDRESS = Pattern.compile("^\\s*inet6?\\s+(\\S+)");
    private static final Pattern DEFAULT = Pattern.compile("^default(?:\\s+via\\s+(\\S+))?(?:.*?\\s+dev\\s+(\\S+))?");

    /** @param up whether the interface is administratively up ({@code UP} among its flags) */
    public record Interface(String name, boolean up, List<String> addresses) {
    }

    /** @param via the gateway, empty for a route straight onto a link */
    public record DefaultRoute(Optional<String> via, Optional<String> device, String line) {
    }

    private NetworkConfig() {
    }

    /** The interface; empty when there is none of that name. */
    public static Optional<Interface> iface(Host host, String name) {
        CommandResult result = HostTools.run(host, Command.of("ip addr show dev {0}", name), "ip", "interface " + name);
        if (!result.succeeded()) {
            String said = result.stderr();
            if (said.contains("does not exist") || said.contains("can't find device") || said.contains("Cannot find device")) {
                return Optional.empty();
            }
            throw HostTools.failed(host, "interface " + name, result);
        }
        return Optional.of(parseInterface(result.stdoutLines()));
    }

    static Interface parseInterface(List<String> lines) {
        String name = "";
        boolean up = false;
        List<String> addresses = new ArrayList<>();
        for (String line : lines) {
            Matcher flags = FLAGS.matcher(line);
            if (flags.find()) {
                name = flags.group(1);
                up = List.of(flags.group(2).split(",")).contains("UP");
                continue;
            }
            Matcher address = ADDRESS.matcher(line);
            if (address.find()) {
                addresses.add(address.group(1));
            }
        }
        return new Interface(name, up, List.copyOf(addresses));
    }

    /** The IPv4 default route; empty when there is none. */
    public static Optional<DefaultRoute> defaultRoute(Host host) {
        CommandResult result = HostTools.run(host, Command.of("ip route show default"), "ip", "the default route");
        if (!result.succeeded()) {
            throw HostTools.failed(host, "the default route", result);
        }
        return parseDefault(result.stdoutLines());
    }

    static Optional<DefaultRoute> parseDefault(List<String> lines) {
        for (String line : lines) {
            Matcher route = DEFAULT.matcher(line.strip());
            if (route.find()) {
                return Optional.of(new DefaultRoute(Optional.ofNullable(route.group(1)), Optional.ofNullable(route.group(2)),
                        line.strip()));
            }
        }
        return Optional.empty();
    }
}

package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A name as the host's own resolver answers it ({@code getent ahosts}: /etc/hosts, DNS, whatever
 * nsswitch.conf says), so a check sees what the host's programs see. Where getent knows no
 * {@code ahosts} database (musl's), {@code getent hosts} answers instead.
 */
public final class NameResolution {

    /** @param addresses the distinct addresses, in the resolver's order; empty when the name does not resolve */
    public record Answer(List<String> addresses, String source) {
    }

    private NameResolution() {
    }

    public static Answer resolve(Host host, String name) {
        String purpose = "how " + name + " resolves";
        CommandResult result = HostTools.run(host, Command.of("getent ahosts {0}", name), "getent", purpose);
        String source = "getent ahosts " + name;
        if (result.exitStatus() == 1 && result.stderr().contains("Unknown database")) {
            result = HostTools.run(host, Command.of("getent hosts {0}", name), "getent", purpose);
            source = "getent hosts " + name;
        }
        if (result.exitStatus() == 2) {
            return new Answer(List.of(), source);
        }
        if (!result.succeeded()) {
            throw HostTools.failed(host, purpose, result);
        }
        return new Answer(parse(result.stdoutLines()), source);
    }

    /** The first column of each line: {@code 10.0.1.11  STREAM db.internal} or {@code 10.0.1.11  db.internal}. */
    static List<String> parse(List<String> lines) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String line : lines) {
            String[] columns = Columns.of(line.strip());
            if (!columns[0].isEmpty()) {
                addresses.add(columns[0]);
            }
        }
        return List.copyOf(addresses);
    }
}

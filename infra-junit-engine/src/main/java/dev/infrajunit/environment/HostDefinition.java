package dev.infrajunit.environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One host as the environment file defines it, after defaults and roles are merged into it and
 * {@code ${env:NAME}} / {@code ${host}} are interpolated.
 *
 * @param name           the key under {@code hosts:}
 * @param address        {@code address}; defaults to the name
 * @param roles          {@code roles}, in file order
 * @param transport      {@code transport}: {@code ssh} (default), {@code local}, or the kind a
 *                       {@code transport:} map names ({@code exec}), whose options are in {@code properties}
 * @param ssh            the merged {@code ssh} settings
 * @param commandTimeout {@code commandTimeout}, default 30s
 * @param sudo           {@code sudo}: whether privileged commands may use {@code sudo -n} (default false)
 * @param properties     every merged key of the host, as plain YAML values (maps, lists, strings,
 *                       numbers, booleans), for assertions that read their own keys such as {@code backup}
 * @param line           the line of the host's entry in the environment file, 0 when not from a file
 */
public record HostDefinition(
        String name,
        String address,
        List<String> roles,
        String transport,
        SshSettings ssh,
        Duration commandTimeout,
        boolean sudo,
        Map<String, Object> properties,
        int line) {

    public HostDefinition {
        roles = List.copyOf(roles);
        properties = Map.copyOf(properties);
    }

    /** Only what identifies the host: its properties may hold values taken from environment variables. */
    @Override
    public String toString() {
        return "HostDefinition[" + name + " at " + address + ", roles " + roles + ", transport " + transport + "]";
    }

    public boolean isLocal() {
        return "local".equals(transport);
    }
}

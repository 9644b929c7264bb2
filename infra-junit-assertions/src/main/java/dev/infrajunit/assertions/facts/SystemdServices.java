package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ServiceFacts.ServiceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Services as systemd reports them through {@code systemctl show}. */
final class SystemdServices implements ServiceManager {

    private static final String SYSTEMD_SHOW = (
            "systemctl show -p LoadState -p ActiveState -p SubState -p UnitFileState -- {0}");

    /** systemctl is-enabled answers 0 for these states; linked, masked, disabled and bad are not enabled. */
    private static final Set<String> ENABLED_STATES = Set.of(
            "enabled", "enabled-runtime", "static", "indirect", "generated", "alias", "transient");

    @Override
    public ServiceState state(Host host, String name) {
        CommandResult result = HostTools.run(host, Command.of(SYSTEMD_SHOW, name), "systemctl", "service " + name);
        Map<String, String> properties = parseShow(result.stdoutLines());
        // An unknown unit still answers LoadState=not-found; no answer says nothing about the service.
        if (!result.succeeded() || !properties.containsKey("LoadState")) {
            throw HostTools.failed(host, "service " + name, result);
        }
        return fromShow(name, properties);
    }

    /** {@code systemctl show -p ...} prints {@code Key=value} lines. */
    static Map<String, String> parseShow(List<String> lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                properties.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return properties;
    }

    static ServiceState fromShow(String name, Map<String, String> properties) {
        String source = "systemctl show " + name;
        String load = properties.getOrDefault("LoadState", "");
        if (load.equals("not-found")) {
            return new ServiceState(false, false, Optional.of(false), "not found (LoadState=not-found)",
                    "not found (LoadState=not-found)", source, source);
        }
        String active = properties.getOrDefault("ActiveState", "unknown");
        String sub = properties.getOrDefault("SubState", "");
        String unitFile = properties.getOrDefault("UnitFileState", "");
        return new ServiceState(true, active.equals("active"), Optional.of(ENABLED_STATES.contains(unitFile)),
                active + (sub.isEmpty() ? "" : " (" + sub + ")"), unitFile.isEmpty() ? "unknown" : unitFile, source, source);
    }
}

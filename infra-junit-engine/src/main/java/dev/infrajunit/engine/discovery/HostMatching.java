package dev.infrajunit.engine.discovery;

import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostSelector;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Matches a {@code @ForEachHost} selector against the environment, explaining an empty match. */
final class HostMatching {

    record Result(List<String> hosts, Optional<String> problem) {
    }

    private HostMatching() {
    }

    static Result match(EnvironmentDefinition environment, String selector) {
        HostSelector parsed;
        try {
            parsed = HostSelector.parse(selector);
        } catch (IllegalArgumentException e) {
            return new Result(List.of(), Optional.of(e.getMessage()));
        }
        List<String> hosts = parsed.select(environment.hosts()).stream().map(HostDefinition::name).toList();
        if (!hosts.isEmpty()) {
            return new Result(hosts, Optional.empty());
        }
        Set<String> roles = new LinkedHashSet<>();
        environment.hosts().forEach(host -> roles.addAll(host.roles()));
        List<String> names = environment.hosts().stream().map(HostDefinition::name).toList();
        return new Result(List.of(), Optional.of("the selector matches no host of environment '" + environment.name()
                + "'" + environment.source().map(path -> " (" + path + ")").orElse("")
                + "; its roles are " + (roles.isEmpty() ? "(none)" : String.join(", ", roles))
                + " and its hosts " + String.join(", ", names)));
    }
}

package dev.infrajunit.engine.discovery;

import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostSelector;
import java.util.List;
import java.util.Optional;

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
        return new Result(List.of(), Optional.of(parsed.noMatchIn(environment)));
    }
}

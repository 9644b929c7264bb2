package dev.infrajunit.environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and validated environment file.
 *
 * @param name     what {@code infra.environment} said ({@code staging}), or the file name of a path
 * @param source   where it was read from (a file path, or the classpath resource's location)
 * @param settings the top-level keys other than {@code hosts} and {@code roles}, as plain YAML values,
 *                 but {@code waivers} as {@link Waiver}s
 * @param hosts    every host, in file order
 */
public record EnvironmentDefinition(String name, Optional<Path> source, Map<String, Object> settings,
                                    List<HostDefinition> hosts) {

    public EnvironmentDefinition {
        settings = Map.copyOf(settings);
        hosts = List.copyOf(hosts);
    }

    /** The waivers of the {@code waivers} key, written in the file or in the file it names. */
    @SuppressWarnings("unchecked")
    public List<Waiver> waivers() {
        return (List<Waiver>) settings.getOrDefault("waivers", List.of());
    }

    /** Only what identifies the environment: its settings may hold values taken from environment variables. */
    @Override
    public String toString() {
        return "EnvironmentDefinition[" + name + source.map(path -> " from " + path).orElse("") + ", hosts "
                + hosts.stream().map(HostDefinition::name).toList() + "]";
    }
}

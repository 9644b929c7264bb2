package dev.infrajunit.environment;

import dev.infrajunit.runtime.HostNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the text of one environment file into an {@link EnvironmentDefinition}: the top level
 * first, then every role (used or not), then each host with what it inherits (see
 * {@link Inheritance}). The first problem found ends the parse with an {@link EnvironmentException}.
 */
final class EnvironmentParser {

    private static final String NO_HOSTS = "declares no hosts; list them under 'hosts:', for example"
            + " hosts: { web-1: { address: 10.0.0.5 } }";

    private final Source source;
    private final Interpolator interpolator;

    EnvironmentParser(Function<String, String> environmentVariables, Source source) {
        this.source = source;
        this.interpolator = new Interpolator(environmentVariables, source);
    }

    EnvironmentDefinition parse(String yaml, String name) {
        YamlNode root = YamlReader.read(yaml, source).orElseThrow(() -> source.at(0, "", NO_HOSTS));
        if (!(root instanceof YamlNode.Mapping top)) {
            throw source.at(root.line(), "", "an environment file is a map with a 'hosts:' key, but this one is "
                    + root.describe());
        }
        Map<String, Object> settings = new Normalizer(source, interpolator, null).fields(top, Schema.TOP);
        Map<String, YamlNode.Mapping> roles = roles(top);
        YamlNode.Mapping defaults = top.without("roles", "hosts");
        List<HostDefinition> hosts = new ArrayList<>();
        for (YamlNode.Member entry : hostEntries(top)) {
            hosts.add(host(entry, defaults, roles));
        }
        return new EnvironmentDefinition(name, source.file(), settings, hosts);
    }

    private Map<String, YamlNode.Mapping> roles(YamlNode.Mapping top) {
        Map<String, YamlNode.Mapping> roles = new LinkedHashMap<>();
        for (YamlNode.Member entry : entries(top, "roles", "a map of role names to their keys")) {
            YamlNode.Mapping role = named(entry, "role");
            new Normalizer(source, interpolator, null).fields(role, Schema.ROLE);
            roles.put(entry.key(), role);
        }
        return roles;
    }

    private List<YamlNode.Member> hostEntries(YamlNode.Mapping top) {
        YamlNode.Member hosts = top.member("hosts").orElseThrow(() -> source.at(0, "", NO_HOSTS));
        List<YamlNode.Member> entries = entries(top, "hosts", "a map of host names to their keys");
        if (entries.isEmpty()) {
            throw source.at(hosts.line(), "hosts", NO_HOSTS);
        }
        return entries;
    }

    private List<YamlNode.Member> entries(YamlNode.Mapping top, String key, String expected) {
        Optional<YamlNode.Member> member = top.member(key);
        if (member.isEmpty() || Normalizer.isNull(member.get().value())) {
            return List.of();
        }
        if (!(member.get().value() instanceof YamlNode.Mapping mapping)) {
            throw source.invalid(member.get().value(), "expected " + expected + ", found "
                    + member.get().value().describe());
        }
        return List.copyOf(mapping.members().values());
    }

    /** A role's or host's own map; nothing ({@code db-1:} or {@code db-1: {}}) is an empty one. */
    private YamlNode.Mapping named(YamlNode.Member entry, String kind) {
        YamlNode value = entry.value();
        String path = value.path();
        if (!Schema.NAME.matcher(entry.key()).matches()) {
            throw source.at(entry.line(), path, "'" + entry.key() + "' is not a valid " + kind + " name; "
                    + Schema.NAME_RULE);
        }
        if (Normalizer.isNull(value)) {
            return YamlNode.Mapping.empty(entry.line(), path);
        }
        if (!(value instanceof YamlNode.Mapping mapping)) {
            String example = "host".equals(kind) && value instanceof YamlNode.Scalar scalar
                    ? " such as " + entry.key() + ": { address: " + scalar.written() + " }" : "";
            throw source.invalid(value, "expected a map of " + kind + " keys" + example + ", found " + value.describe());
        }
        return mapping;
    }

    private HostDefinition host(YamlNode.Member entry, YamlNode.Mapping defaults, Map<String, YamlNode.Mapping> roles) {
        String name = entry.key();
        YamlNode.Mapping own = named(entry, "host");
        Normalizer normalizer = new Normalizer(source, interpolator, name);
        List<String> roleNames = roleNames(own, normalizer.fields(own, Schema.HOST), roles);
        List<YamlNode.Mapping> inherited = roleNames.stream().map(roles::get).toList();
        Map<String, Object> merged = normalizer.fields(Inheritance.forHost(defaults, inherited, own), Schema.HOST);
        Map<String, Object> properties = new LinkedHashMap<>(merged);
        properties.putIfAbsent("address", name);
        properties.put("roles", roleNames);
        return HostSettings.definition(name, properties, entry.line());
    }

    @SuppressWarnings("unchecked")
    private List<String> roleNames(YamlNode.Mapping own, Map<String, Object> fields, Map<String, YamlNode.Mapping> roles) {
        List<String> names = (List<String>) fields.getOrDefault("roles", List.of());
        Optional<YamlNode> listed = own.member("roles").map(YamlNode.Member::value);
        List<YamlNode> items = listed.orElse(null) instanceof YamlNode.Sequence sequence ? sequence.items()
                : listed.stream().toList();
        for (int i = 0; i < names.size(); i++) {
            String role = names.get(i);
            if (!roles.containsKey(role)) {
                List<String> closest = HostNames.closest(role, roles.keySet());
                String known = roles.isEmpty() ? "; no roles are defined; define them under 'roles:' at the top level"
                        : closest.isEmpty() ? "; defined roles: " + String.join(", ", roles.keySet())
                        : "; did you mean '" + closest.get(0) + "'? Defined roles: " + String.join(", ", roles.keySet());
                throw source.invalid(items.get(i), "undefined role '" + role + "'" + known);
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }
}

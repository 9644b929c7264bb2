package dev.infrajunit.environment;

import dev.infrajunit.spi.DiscoveredHost;
import dev.infrajunit.spi.HostSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the text of one environment file into an {@link EnvironmentDefinition}: the top level
 * first, then every role (used or not), then each host with what it inherits (see
 * {@link Inheritance}): first those written under {@code hosts:}, then those each entry of
 * {@code hostSources:} finds (see {@link HostDiscovery}), where a written host wins over a found
 * one of the same name. The first problem found ends the parse with an {@link EnvironmentException}.
 */
final class EnvironmentParser {

    private static final String NO_HOSTS = "declares no hosts; list them under 'hosts:', for example"
            + " hosts: { web-1: { address: 10.0.0.5 } }";

    private final EnvironmentOrigin source;
    private final Interpolator interpolator;
    private final Schema schema;
    private final HostDiscovery discovery;

    EnvironmentParser(Function<String, String> environmentVariables, EnvironmentOrigin source, Plugins plugins) {
        this.source = source;
        this.interpolator = new Interpolator(environmentVariables, source);
        this.schema = new Schema(plugins);
        this.discovery = new HostDiscovery(source, plugins, schema);
    }

    EnvironmentDefinition parse(String yaml, String name) {
        YamlNode root = YamlReader.read(yaml, source).orElseThrow(() -> source.at(0, "", NO_HOSTS));
        if (!(root instanceof YamlNode.Mapping top)) {
            throw source.at(root.line(), "", "an environment file is a map with a 'hosts:' key, but this one is "
                    + root.describe());
        }
        Normalizer normalizer = new Normalizer(source, interpolator, null);
        Map<String, Object> settings = withWaivers(normalizer.fields(top, schema.top), top);
        Map<String, YamlNode.Mapping> roles = roles(top);
        List<HostDiscovery.Entry> sources = discovery.entries(top, normalizer);
        YamlNode.Mapping defaults = top.without("roles", "hosts", "hostSources", Waivers.KEY);
        Map<String, HostDefinition> hosts = new LinkedHashMap<>();
        for (YamlNode.Member entry : hostEntries(top, !sources.isEmpty())) {
            hosts.put(entry.key(), host(entry.key(), named(entry, "host"), entry.line(), defaults, roles));
        }
        HostSource.Context context = new HostSource.Context(name, source.file(), settings);
        Map<String, String> discoveredBy = new LinkedHashMap<>();
        for (HostDiscovery.Entry entry : sources) {
            entry.roles().ifPresent(listed -> roleNames(listed, normalizer, roles));
            for (DiscoveredHost found : discovery.discover(entry, context)) {
                String first = discoveredBy.putIfAbsent(found.name(), found.origin() + " (" + entry.path() + ")");
                if (first != null) {
                    throw source.at(entry.line(), entry.path(), entry.path() + ": two hosts would be named '"
                            + found.name() + "': " + first + " and " + found.origin() + "; a host name is unique, so"
                            + " list the one you mean under hosts:, or narrow the sources");
                }
                // A host written under hosts: wins over a discovered one of the same name.
                if (!hosts.containsKey(found.name())) {
                    hosts.put(found.name(), host(found.name(), discovery.own(entry, found), entry.line(), defaults,
                            withFoundRoles(roles, entry, found)));
                }
            }
        }
        return new EnvironmentDefinition(name, source.file(), settings, List.copyOf(hosts.values()));
    }

    private Map<String, Object> withWaivers(Map<String, Object> settings, YamlNode.Mapping top) {
        YamlNode.Member waivers = top.members().get(Waivers.KEY);
        if (waivers == null) {
            return settings;
        }
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put(Waivers.KEY, Waivers.read(waivers.value(), source, interpolator));
        return all;
    }

    private Map<String, YamlNode.Mapping> roles(YamlNode.Mapping top) {
        Map<String, YamlNode.Mapping> roles = new LinkedHashMap<>();
        for (YamlNode.Member entry : entries(top, "roles", "a map of role names to their keys")) {
            YamlNode.Mapping role = named(entry, "role");
            new Normalizer(source, interpolator, null).fields(role, schema.role);
            roles.put(entry.key(), role);
        }
        return roles;
    }

    /** The hosts written under {@code hosts:}, which may be left out when {@code hostSources:} finds them. */
    private List<YamlNode.Member> hostEntries(YamlNode.Mapping top, boolean discovered) {
        if (discovered && top.member("hosts").isEmpty()) {
            return List.of();
        }
        YamlNode.Member hosts = top.member("hosts").orElseThrow(() -> source.at(0, "", NO_HOSTS));
        List<YamlNode.Member> entries = entries(top, "hosts", "a map of host names to their keys");
        if (entries.isEmpty() && !discovered) {
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

    private HostDefinition host(String name, YamlNode.Mapping own, int line, YamlNode.Mapping defaults,
                                Map<String, YamlNode.Mapping> roles) {
        Normalizer normalizer = new Normalizer(source, interpolator, name);
        normalizer.fields(own, schema.host);
        List<String> roleNames = own.member("roles").map(listed -> roleNames(listed, normalizer, roles)).orElse(List.of());
        List<YamlNode.Mapping> inherited = roleNames.stream().map(roles::get).toList();
        Map<String, Object> merged = normalizer.fields(Inheritance.forHost(defaults, inherited, own), schema.host);
        Map<String, Object> properties = new LinkedHashMap<>(merged);
        properties.putIfAbsent("address", name);
        properties.put("roles", roleNames);
        return HostSettings.definition(name, properties, line);
    }

    /**
     * The defined roles, and the roles a source found for a host (an inventory's groups) that the
     * file does not define, as roles without keys: a group says what a host is even when no keys
     * come with it. Roles an entry's own {@code roles:} lists replace those and must be defined.
     */
    private static Map<String, YamlNode.Mapping> withFoundRoles(Map<String, YamlNode.Mapping> roles, HostDiscovery.Entry entry,
                                                                DiscoveredHost found) {
        if (entry.roles().isPresent() || !(found.keys().get("roles") instanceof List<?> named)) {
            return roles;
        }
        Map<String, YamlNode.Mapping> all = new LinkedHashMap<>(roles);
        named.forEach(role -> all.putIfAbsent(String.valueOf(role), YamlNode.Mapping.empty(entry.line(), "roles." + role)));
        return all;
    }

    /** The roles a {@code roles:} key lists, each of which must be defined under {@code roles:}. */
    @SuppressWarnings("unchecked")
    private List<String> roleNames(YamlNode.Member listed, Normalizer normalizer, Map<String, YamlNode.Mapping> roles) {
        if (Normalizer.isNull(listed.value())) {
            return List.of();
        }
        List<String> names = (List<String>) Schema.ROLE_NAMES.apply(listed.value(), normalizer);
        List<YamlNode> items = listed.value() instanceof YamlNode.Sequence sequence ? sequence.items() : List.of(listed.value());
        for (int i = 0; i < names.size(); i++) {
            String role = names.get(i);
            if (!roles.containsKey(role)) {
                List<String> closest = ClosestNames.closest(role, roles.keySet());
                String known = roles.isEmpty() ? "; no roles are defined; define them under 'roles:' at the top level"
                        : closest.isEmpty() ? "; defined roles: " + String.join(", ", roles.keySet())
                        : "; did you mean '" + closest.get(0) + "'? Defined roles: " + String.join(", ", roles.keySet());
                throw source.invalid(items.get(i), "undefined role '" + role + "'" + known);
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }
}

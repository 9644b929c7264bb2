package dev.infrajunit.environment;

import dev.infrajunit.spi.DiscoveredHost;
import dev.infrajunit.spi.HostSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code hostSources:} of an environment file: checks each entry against the keys its kind
 * declares ({@link Schema}), asks its {@link HostSource} for hosts (every kind, {@code sshConfig}
 * too, comes from the class path: {@link Plugins}), and turns each host found into the map of keys a written host would
 * have, so that it inherits from roles and the top level the same way.
 */
final class HostDiscovery {

    /**
     * One checked entry.
     *
     * @param node    the entry as written
     * @param kind    the key that names its kind, such as {@code ec2}
     * @param values  its checked plain values, as its {@link HostSource} receives them
     * @param roles   the {@code roles} key that gives every host of the entry its roles, if any
     */
    record Entry(YamlNode.Mapping node, String kind, Map<String, Object> values, Optional<YamlNode.Member> roles) {

        int line() {
            return node.line();
        }

        String path() {
            return node.path();
        }
    }

    private final EnvironmentOrigin source;
    private final Plugins plugins;
    private final Schema schema;

    HostDiscovery(EnvironmentOrigin source, Plugins plugins, Schema schema) {
        this.source = source;
        this.plugins = plugins;
        this.schema = schema;
    }

    /** The checked entries under {@code hostSources:}, in file order; none when the key is absent. */
    List<Entry> entries(YamlNode.Mapping top, Normalizer normalizer) {
        Optional<YamlNode> list = top.member("hostSources").map(YamlNode.Member::value);
        if (list.isEmpty() || Normalizer.isNull(list.get())) {
            return List.of();
        }
        if (!(list.get() instanceof YamlNode.Sequence sequence)) {
            throw source.invalid(list.get(), "expected a list of host sources, such as - sshConfig: ~/.ssh/config"
                    + " or - ec2: { tags: { env: staging } }, found " + list.get().describe());
        }
        List<Entry> entries = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            entries.add(entry(item, normalizer));
        }
        return entries;
    }

    private Entry entry(YamlNode item, Normalizer normalizer) {
        if (!(item instanceof YamlNode.Mapping mapping)) {
            throw source.invalid(item, "expected a host source such as { sshConfig: ~/.ssh/config } or"
                    + " { ec2: { tags: { env: staging } } }, found " + item.describe());
        }
        List<String> kinds = mapping.members().keySet().stream().filter(schema.hostSources::containsKey).toList();
        String known = String.join(", ", schema.hostSources.keySet());
        if (kinds.isEmpty()) {
            Optional<String> first = mapping.members().keySet().stream().findFirst();
            Optional<String> suggestion = first.flatMap(key -> ClosestNames.closest(key, schema.hostSources.keySet()).stream().findFirst());
            throw source.invalid(item, "a host source starts with its kind, but this one has "
                    + first.map(key -> "'" + key + "'").orElse("no keys")
                    + suggestion.map(kind -> "; did you mean '" + kind + "'? Kinds: " + known)
                            .orElse("; the kinds on the class path are " + known + ". A kind of a plug-in needs the"
                                    + " plug-in's jar on the class path of the project that runs the checks"));
        }
        if (kinds.size() > 1) {
            throw source.invalid(item, "one host source per entry, but this one has both " + kinds.get(0) + " and "
                    + kinds.get(1) + "; start each with its own '-'");
        }
        String kind = kinds.get(0);
        Map<String, Object> values = normalizer.fields(mapping, schema.hostSources.get(kind));
        YamlNode.Member kindMember = mapping.member(kind).orElseThrow();
        // A kind written as a map (ec2: {...}) holds its options; one written as a value (sshConfig: path) has them beside it.
        YamlNode.Mapping options = kindMember.value() instanceof YamlNode.Mapping inner ? inner : mapping;
        return new Entry(mapping, kind, values, options.member("roles"));
    }

    /**
     * The hosts an entry yields now.
     *
     * @throws EnvironmentException at the entry's line when its source cannot be read or asked, or
     *                              names a host in a way a host cannot be named
     */
    List<DiscoveredHost> discover(Entry entry, HostSource.Context context) {
        HostSource provider = provider(entry);
        List<DiscoveredHost> found;
        try {
            found = List.copyOf(provider.discover(entry.values(), context));
        } catch (RuntimeException | LinkageError e) {
            String cause = e.getMessage() == null ? e.toString() : e.getMessage();
            EnvironmentException problem = source.at(entry.line(), entry.path(), entry.path() + " (" + entry.kind()
                    + "): could not discover hosts: " + cause);
            problem.initCause(e);
            throw problem;
        }
        for (DiscoveredHost host : found) {
            if (!Schema.NAME.matcher(host.name()).matches()) {
                throw source.at(entry.line(), entry.path(), entry.path() + ": " + host.origin() + " would be the host '"
                        + host.name() + "', which is not a valid host name; " + Schema.NAME_RULE);
            }
        }
        return found;
    }

    /** What a discovered host declares itself, as if written under {@code hosts:} at the entry's line. */
    YamlNode.Mapping own(Entry entry, DiscoveredHost host) {
        Map<String, YamlNode.Member> members = new LinkedHashMap<>();
        host.keys().forEach((key, value) -> members.put(key,
                new YamlNode.Member(key, entry.line(), node(value, entry.line(), YamlNode.child(entry.path(), key)))));
        entry.roles().ifPresent(roles -> members.put("roles", roles));
        return new YamlNode.Mapping(members, entry.line(), entry.path());
    }

    /** A value found elsewhere, taken as it is: never interpolated, so a tag holding ${...} stays text. */
    private static YamlNode node(Object value, int line, String path) {
        if (value instanceof Map<?, ?> map) {
            Map<String, YamlNode.Member> members = new LinkedHashMap<>();
            map.forEach((key, item) -> members.put(String.valueOf(key),
                    new YamlNode.Member(String.valueOf(key), line, node(item, line, YamlNode.child(path, String.valueOf(key))))));
            return new YamlNode.Mapping(members, line, path);
        }
        if (value instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            for (Object item : list) {
                items.add(node(item, line, path + "[" + items.size() + "]"));
            }
            return new YamlNode.Sequence(items, line, path);
        }
        return new YamlNode.Scalar(value, String.valueOf(value), true, false, false, line, path);
    }

    private HostSource provider(Entry entry) {
        return plugins.hostSources().get(entry.kind());
    }
}

package dev.infrajunit.environment;

import dev.infrajunit.Durations;
import dev.infrajunit.spi.Keys;
import dev.infrajunit.spi.TransportProvider;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The keys an environment file may hold at each level and what each value must be: the file's own,
 * and those the plug-ins on the class path declare for host sources and backup kinds. Every level
 * converts its values to plain Java values (String, Integer, Boolean, List, Map); durations stay
 * as written ({@code 24h}) once they are known to parse.
 */
final class Schema {

    /** Host and role names: what selectors, unique ids and report rows can carry unquoted. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    static final String NAME_RULE = "use letters, digits, '.', '_' and '-', starting with a letter or digit";

    /** Checks one value and turns it into its plain Java form. */
    @FunctionalInterface
    interface Rule {
        Object apply(YamlNode node, Normalizer normalizer);
    }

    /**
     * A map with known keys.
     *
     * @param open     whether keys other than the known ones are allowed (and kept as plain values)
     * @param required the keys that must be written, each with what to give, for the message that asks for it
     */
    record Fields(Map<String, Rule> rules, boolean open, Map<String, String> required) implements Rule {

        Fields(Map<String, Rule> rules, boolean open) {
            this(rules, open, Map.of());
        }

        @Override
        public Object apply(YamlNode node, Normalizer normalizer) {
            return normalizer.fields(node, this);
        }
    }

    /** Keys another part of the loader reads (the top level's {@code roles} and {@code hosts}). */
    static final Rule ELSEWHERE = (node, n) -> {
        throw new IllegalStateException("read by the parser");
    };

    static final Rule TEXT = (node, n) -> n.scalar(node, "a text value").text();

    static final Rule PORT = typed("a port number", (scalar, n) -> {
        Integer port = scalar.value() instanceof Integer number ? number
                : scalar.value() instanceof String text && text.matches("\\d{1,5}") ? Integer.valueOf(text) : null;
        if (port == null || port < 1 || port > 65535) {
            throw n.invalid(scalar, scalar.describe() + " is not a port number; use 1 to 65535");
        }
        return port;
    });

    static final Rule BOOLEAN = typed("true or false", (scalar, n) -> {
        if (scalar.value() instanceof Boolean flag) {
            return flag;
        }
        if (scalar.value() instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text);
        }
        throw n.invalid(scalar, scalar.describe() + " is not true or false");
    });

    /** Kept as written ({@code 24h}) once it is known to parse. */
    static final Rule DURATION = typed("a duration", (scalar, n) -> {
        try {
            Durations.parse(scalar.text());
        } catch (IllegalArgumentException e) {
            throw n.invalid(scalar, scalar.describe() + " is not a duration; write it like " + Durations.ACCEPTED_FORMS);
        }
        return scalar.text();
    });

    /** The name of an environment variable; what was written is not shown, in case it is the secret itself. */
    static final Rule VARIABLE_NAME = typed("the name of an environment variable", (scalar, n) -> {
        if (!scalar.text().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw n.invalid(scalar, "this is not the name of an environment variable (letters, digits and '_');"
                    + " give the variable's name here, never the secret itself");
        }
        return scalar.text();
    });

    static final Rule PATH = typed("a file path", (scalar, n) -> {
        try {
            UserHome.expand(scalar.text());
        } catch (InvalidPathException e) {
            throw n.invalid(scalar, scalar.describe() + " is not a file path: " + e.getReason());
        }
        return scalar.text();
    });

    static final Rule PATHS = (node, n) -> node instanceof YamlNode.Sequence sequence
            ? sequence.items().stream().map(item -> PATH.apply(item, n)).toList()
            : PATH.apply(node, n);

    static final Rule ROLE_NAME = typed("a role name", (scalar, n) -> {
        if (!NAME.matcher(scalar.text()).matches()) {
            throw n.invalid(scalar, scalar.describe() + " is not a role name; " + NAME_RULE);
        }
        return scalar.text();
    });

    static final Rule ROLE_NAMES = (node, n) -> node instanceof YamlNode.Sequence sequence
            ? sequence.items().stream().map(item -> ROLE_NAME.apply(item, n)).toList()
            : List.of(ROLE_NAME.apply(node, n));

    static final Rule FREE_MAP = (node, n) -> n.fields(node, new Fields(Map.of(), true));

    /** A single value kept as YAML typed it ({@code ebs: true}, {@code minSize: 1048576}). */
    static final Rule SCALAR = (node, n) -> n.scalar(node, "a single value").value();

    /** What every backup policy takes besides its kind's keys. */
    private static final Map<String, Rule> POLICY_COMMON = closed("maxAge", DURATION, "minSize", SCALAR).rules();

    static final Fields SSH = closed(
            "user", TEXT,
            "port", PORT,
            "identityFile", PATHS,
            "passphraseEnv", VARIABLE_NAME,
            "knownHosts", PATH,
            "hostKeyChecking", oneOf("strict", "accept-new", "off"),
            "connectTimeout", DURATION,
            "jumpHost", TEXT,
            "useSshConfig", BOOLEAN,
            "configFile", PATH);

    static final Fields AWS = closed(
            "region", TEXT,
            "profile", TEXT,
            "endpoint", TEXT,
            "instanceId", TEXT,
            "dbInstanceId", TEXT,
            "dbClusterId", TEXT,
            "volumeId", TEXT,
            "accountId", TEXT);

    /** One waiver; {@link Waivers} checks that the required keys are there and what they hold. */
    static final Fields WAIVER = closed("check", TEXT, "hosts", TEXT, "reason", TEXT, "expires", TEXT);

    /** Host-name globs as selectors write them ({@code web-*}, {@code web-*,!web-test}), without roles. */
    static final Rule HOST_GLOB = typed("a host-name glob such as web-*", (scalar, n) -> {
        String text = scalar.text();
        try {
            HostSelector.parse(text);
        } catch (IllegalArgumentException e) {
            throw n.invalid(scalar, e.getMessage());
        }
        if (text.contains("role:") || text.contains("prop:") || text.contains("&")) {
            throw n.invalid(scalar, scalar.describe() + " selects by more than the host name; match takes host-name"
                    + " globs such as web-*");
        }
        return text;
    });

    /** What roles set, and what hosts inherit from the top level and from their roles. */
    final Fields role;

    final Fields top;

    final Fields host;

    /** The kinds of {@code hostSources:} entries, by the key that names each, in the order messages list them. */
    final Map<String, Fields> hostSources;

    /** The kinds of backup policy the plug-ins declare, by the key that names each, with the keys every policy takes. */
    final Map<String, Fields> backupPolicies;

    /** What a policy of a kind no plug-in on the class path declares must still hold. */
    static final Fields UNKNOWN_POLICY = new Fields(POLICY_COMMON, true);

    /** The keys the plug-ins on a class path declare, added to the file's own. */
    Schema(Plugins plugins) {
        Map<String, Fields> policies = new LinkedHashMap<>();
        plugins.backupKinds().forEach(kind -> {
            Map<String, Rule> rules = new LinkedHashMap<>(fieldsOf(kind.keys()).rules());
            rules.putAll(POLICY_COMMON);
            policies.put(kind.key(), new Fields(Collections.unmodifiableMap(rules), false));
        });
        backupPolicies = Collections.unmodifiableMap(policies);
        role = closed(
                "ssh", SSH,
                "commandTimeout", DURATION,
                "aws", AWS,
                "sudo", BOOLEAN,
                "transport", transport(plugins.transports()),
                "backup", backup(policies),
                "properties", FREE_MAP);
        top = extend(role, 4, "roles", ELSEWHERE, "hosts", ELSEWHERE, "hostSources", ELSEWHERE, Waivers.KEY, ELSEWHERE);
        host = extend(role, 0, "address", TEXT, "roles", ROLE_NAMES);
        Map<String, Fields> kinds = new LinkedHashMap<>();
        plugins.hostSources().forEach((kind, source) -> kinds.put(kind, fieldsOf(source.keys())));
        hostSources = Collections.unmodifiableMap(kinds);
    }

    /**
     * One backup policy map, or a list of them; always a list afterwards. A policy of a kind that a
     * plug-in declares is held to that kind's keys; one of a kind no plug-in on the class path
     * declares is kept as written (with its maxAge and minSize checked), and the assertions say
     * which plug-in it needs when a check asks.
     */
    private static Rule backup(Map<String, Fields> kinds) {
        Fields unknownKind = UNKNOWN_POLICY;
        return (node, n) -> {
            List<YamlNode> policies = node instanceof YamlNode.Sequence sequence ? sequence.items() : List.of(node);
            return policies.stream().map(policy -> {
                if (!(policy instanceof YamlNode.Mapping mapping)) {
                    throw n.invalid(policy, "expected a backup policy such as { files: /var/backups/*.dump, maxAge: 24h }"
                            + " or a list of them, found " + policy.describe());
                }
                List<String> named = kinds.keySet().stream().filter(kind -> mapping.member(kind).isPresent()).toList();
                return named.size() == 1 ? kinds.get(named.get(0)).apply(policy, n) : unknownKind.apply(policy, n);
            }).toList();
        };
    }

    private static Rule transport(Map<String, TransportProvider> kinds) {
        Map<String, Fields> maps = new LinkedHashMap<>();
        kinds.forEach((kind, provider) -> maps.put(kind, fieldsOf(provider.keys())));
        return new Transport(new OneOf(List.of("ssh", "local", "none")), Collections.unmodifiableMap(maps));
    }

    /**
     * {@code ssh}, {@code local} or {@code none}, the engine's own transports, or a map that names a
     * transport kind of the class path and its options: {@code { exec: [docker, exec, -i, "${host}", sh, -s] }}.
     *
     * @param builtIn the engine's own, written without a map
     * @param kinds   the keys of each kind's map, by the kind's name
     */
    record Transport(OneOf builtIn, Map<String, Fields> kinds) implements Rule {

        @Override
        public Object apply(YamlNode node, Normalizer n) {
            if (!(node instanceof YamlNode.Mapping mapping)) {
                return builtIn.apply(node, n);
            }
            List<String> named = kinds.keySet().stream().filter(kind -> mapping.member(kind).isPresent()).toList();
            if (named.size() != 1) {
                String known = String.join(", ", kinds.keySet());
                Optional<String> first = mapping.members().keySet().stream().filter(key -> !kinds.containsKey(key)).findFirst();
                Optional<String> suggestion = first.flatMap(key -> ClosestNames.closest(key, kinds.keySet()).stream().findFirst());
                throw n.invalid(node, named.size() > 1
                        ? "one transport per host, but this one names " + String.join(" and ", named)
                        : "a transport map starts with its kind, but this one has " + first.map(key -> "'" + key + "'").orElse("no keys")
                                + suggestion.map(kind -> "; did you mean '" + kind + "'?").orElse(";")
                                + " Kinds: " + (known.isEmpty() ? "none on the class path" : known)
                                + " (or write " + String.join(", ", builtIn.allowed().subList(0, builtIn.allowed().size() - 1))
                                + " or " + builtIn.allowed().get(builtIn.allowed().size() - 1) + " without a map)");
            }
            return kinds.get(named.get(0)).apply(node, n);
        }
    }

    /** The rules of keys a plug-in declares. */
    static Fields fieldsOf(Keys keys) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        Map<String, String> required = new LinkedHashMap<>();
        keys.asMap().values().forEach(key -> {
            rules.put(key.name(), ruleOf(key));
            key.required().ifPresent(hint -> required.put(key.name(), hint));
        });
        return new Fields(Collections.unmodifiableMap(rules), false, Collections.unmodifiableMap(required));
    }

    private static Rule ruleOf(Keys.Key key) {
        return switch (key.type()) {
            case TEXT -> TEXT;
            case PATH -> PATH;
            case PATHS -> PATHS;
            case BOOLEAN -> BOOLEAN;
            case DURATION -> DURATION;
            case PORT -> PORT;
            case SCALAR -> SCALAR;
            case ROLES -> ROLE_NAMES;
            case HOST_GLOB -> HOST_GLOB;
            case TEXT_MAP -> textMap(key.name(), key.expected().orElse("a map of " + key.name()));
            case TEXTS -> new Texts(key.name());
            case ONE_OF -> oneOf(key.values().toArray(String[]::new));
            case NESTED -> fieldsOf(key.nested().orElseThrow());
            case REFUSED -> new Refused(key.expected().orElseThrow());
        };
    }

    /** A key that is never accepted: writing it is a mistake, and {@code why} says what to write instead. */
    record Refused(String why) implements Rule {

        @Override
        public Object apply(YamlNode node, Normalizer normalizer) {
            throw normalizer.invalid(node, why);
        }
    }

    /** A list of text values, at least one, such as the words of a command line. */
    record Texts(String name) implements Rule {

        @Override
        public Object apply(YamlNode node, Normalizer n) {
            if (!(node instanceof YamlNode.Sequence sequence) || sequence.items().isEmpty()) {
                throw n.invalid(node, "expected a list of words such as [docker, exec, -i, \"${host}\", sh, -s], found "
                        + (node instanceof YamlNode.Sequence ? "an empty list" : node.describe()));
            }
            return sequence.items().stream().map(item -> TEXT.apply(item, n)).toList();
        }
    }

    private static Rule textMap(String name, String expected) {
        return new TextMap(name, expected);
    }

    /** A map of text values, at least one, such as EC2 tags. */
    record TextMap(String name, String expected) implements Rule {

        @Override
        public Object apply(YamlNode node, Normalizer n) {
            if (!(node instanceof YamlNode.Mapping mapping) || mapping.members().isEmpty()) {
                throw n.invalid(node, "expected " + expected + ", found "
                        + (node instanceof YamlNode.Mapping ? "no " + name : node.describe()));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            mapping.members().values().forEach(member -> values.put(member.key(), TEXT.apply(member.value(), n)));
            return Collections.unmodifiableMap(values);
        }
    }

    static Rule oneOf(String... values) {
        return new OneOf(List.of(values));
    }

    /** One of a few words, such as {@code strict}, {@code accept-new} or {@code off}. */
    record OneOf(List<String> allowed) implements Rule {

        @Override
        public Object apply(YamlNode node, Normalizer n) {
            return typed("one of " + String.join(", ", allowed), (scalar, normalizer) -> {
                if (!allowed.contains(scalar.text())) {
                    throw normalizer.invalid(scalar, scalar.describe() + " is not one of " + String.join(", ", allowed));
                }
                return scalar.text();
            }).apply(node, n);
        }
    }

    /**
     * A single value of some kind. A value that still awaits {@code ${host}} (in a role or at the
     * top level) is checked later, for each host that inherits it.
     */
    private static Rule typed(String expected, BiFunction<YamlNode.Scalar, Normalizer, Object> convert) {
        return (node, n) -> {
            YamlNode.Scalar scalar = n.scalar(node, expected);
            return scalar.awaitsHost() ? scalar.text() : convert.apply(scalar, n);
        };
    }

    private static Fields closed(Object... keysAndRules) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (int i = 0; i < keysAndRules.length; i += 2) {
            rules.put((String) keysAndRules[i], (Rule) keysAndRules[i + 1]);
        }
        return new Fields(Collections.unmodifiableMap(rules), false);
    }

    /** The keys of {@code base} with more keys inserted at a position, so messages list keys in a natural order. */
    private static Fields extend(Fields base, int position, Object... keysAndRules) {
        List<Map.Entry<String, Rule>> entries = new ArrayList<>(base.rules().entrySet());
        List<Object> ordered = new ArrayList<>();
        for (int i = 0; i < entries.size() + 1; i++) {
            if (i == position) {
                ordered.addAll(List.of(keysAndRules));
            }
            if (i < entries.size()) {
                ordered.add(entries.get(i).getKey());
                ordered.add(entries.get(i).getValue());
            }
        }
        return closed(ordered.toArray());
    }
}

package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks values along the {@link Schema}: rejects unknown keys and values of the wrong kind,
 * resolves references, and returns plain Java values. A key whose value is null is left out.
 */
final class Normalizer {

    private final EnvironmentOrigin source;
    private final Interpolator interpolator;
    private final String host;

    /**
     * @param host the host whose values these are, for {@code ${host}}; null for the top level
     *             and roles, where {@code ${host}} stays as written
     */
    Normalizer(EnvironmentOrigin source, Interpolator interpolator, String host) {
        this.source = source;
        this.interpolator = interpolator;
        this.host = host;
    }

    Map<String, Object> fields(YamlNode node, Schema.Fields fields) {
        if (node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw invalid(node, "expected a map" + keysOf(fields, ", with keys such as ") + ", found " + node.describe());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (YamlNode.Member member : mapping.members().values()) {
            Schema.Rule rule = fields.rules().get(member.key());
            if (rule == null && !fields.open()) {
                throw unknownKey(member, mapping, fields);
            }
            if (rule == Schema.ELSEWHERE) {
                continue;
            }
            Object value = isNull(member.value()) ? null : rule != null ? rule.apply(member.value(), this) : plain(member.value());
            if (rule instanceof Schema.Fields nested) {
                requireKeys(member, nested, value instanceof Map<?, ?> values ? values : Map.of());
            }
            if (value != null) {
                result.put(member.key(), value);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** A map that lacks a key it must have is reported at the line of the key that holds the map. */
    private void requireKeys(YamlNode.Member member, Schema.Fields fields, Map<?, ?> values) {
        fields.required().forEach((key, hint) -> {
            if (!values.containsKey(key)) {
                String path = member.value().path();
                throw source.at(member.line(), path, path + ": give " + hint);
            }
        });
    }

    /** A single value with its references resolved. */
    YamlNode.Scalar scalar(YamlNode node, String expected) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            throw invalid(node, "expected " + expected + ", found " + node.describe());
        }
        return interpolator.resolve(scalar, host);
    }

    /** Any value, with references resolved in every string. */
    Object plain(YamlNode node) {
        if (node instanceof YamlNode.Mapping) {
            return fields(node, new Schema.Fields(Map.of(), true));
        }
        if (node instanceof YamlNode.Sequence sequence) {
            List<Object> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                items.add(plain(item));
            }
            return Collections.unmodifiableList(items);
        }
        return interpolator.resolve((YamlNode.Scalar) node, host).value();
    }

    EnvironmentException invalid(YamlNode node, String problem) {
        return source.invalid(node, problem);
    }

    static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar scalar && scalar.isNull();
    }

    private EnvironmentException unknownKey(YamlNode.Member member, YamlNode.Mapping mapping, Schema.Fields fields) {
        String key = member.key();
        List<String> known = List.copyOf(fields.rules().keySet());
        Optional<String> suggestion = known.stream().filter(key::equalsIgnoreCase).findFirst()
                .or(() -> ClosestNames.closest(key, known).stream().findFirst())
                .or(() -> nestedKey(key, fields));
        return source.at(member.line(), YamlNode.child(mapping.path(), key), "unknown key '" + key + "' "
                + (mapping.path().isEmpty() ? "at the top level" : "under " + mapping.path())
                + suggestion.map(s -> "; did you mean '" + s + "'? Known keys: ").orElse("; known keys: ")
                + String.join(", ", known));
    }

    /** {@code user} where {@code ssh.user} was meant. */
    private static Optional<String> nestedKey(String key, Schema.Fields fields) {
        return fields.rules().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Schema.Fields nested && nested.rules().containsKey(key))
                .map(entry -> entry.getKey() + "." + key)
                .findFirst();
    }

    private static String keysOf(Schema.Fields fields, String prefix) {
        List<String> keys = List.copyOf(fields.rules().keySet());
        if (keys.size() < 2) {
            return "";
        }
        return prefix + String.join(", ", keys.subList(0, Math.min(3, keys.size())));
    }
}

package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Schema of environment files, for editors (completion and validation while typing),
 * generated from {@link Schema}, the rules the loader enforces with the plug-ins on the class path,
 * so the two cannot drift. A rule this generator does not know is an error: whoever adds one says
 * here what editors should accept.
 */
public final class EnvironmentJsonSchema {

    /** Where the generated schema is kept in the repository, relative to its root. */
    public static final String FILE = "schema/infra-environment.schema.json";

    private static final String NAME_PATTERN = "^" + Schema.NAME.pattern() + "$";
    /** A value that refers to ${env:...}, ${sys:...} or ${host} is checked when it is resolved. */
    private static final Map<String, Object> REFERENCE = Map.of("type", "string", "pattern", "\\$\\{");

    private final Schema schema;
    /** Parts that occur in several places, defined once under {@code $defs}. */
    private final Map<Schema.Fields, String> definitions = new LinkedHashMap<>();

    private EnvironmentJsonSchema(Schema schema) {
        this.schema = schema;
        definitions.put(schema.role, "role");
        definitions.put(schema.host, "host");
        definitions.put(Schema.SSH, "ssh");
        definitions.put(Schema.AWS, "aws");
        definitions.put(Schema.UNKNOWN_POLICY, "otherBackupPolicy");
        schema.backupPolicies.forEach((kind, fields) -> definitions.put(fields, kind + "BackupPolicy"));
    }

    /** The schema as JSON text, with the keys that the plug-ins {@code classLoader} finds declare. */
    public static String generate(ClassLoader classLoader) {
        return new EnvironmentJsonSchema(new Schema(Plugins.load(classLoader))).generate();
    }

    private String generate() {
        Map<String, Object> top = fields(schema.top);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) top.get("properties");
        properties.put("roles", describe(nullable(object(Map.of("additionalProperties", nullable(rule(schema.role)),
                "propertyNames", Map.of("pattern", NAME_PATTERN)))), "Named sets of keys that hosts inherit."));
        properties.put("hosts", describe(nullable(object(Map.of("additionalProperties", nullable(rule(schema.host)),
                "propertyNames", Map.of("pattern", NAME_PATTERN)))), "The hosts, by name."));
        properties.put("hostSources", describe(array(Map.of("anyOf", schema.hostSources.values().stream()
                .map(this::fields).toList())), "Where to discover more hosts: " + String.join(", ", schema.hostSources.keySet())
                + "."));
        properties.put(Waivers.KEY, describe(array(fields(Schema.WAIVER)), "Checks waived for some hosts until a date."));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        json.put("title", "infra-junit environment file");
        json.putAll(top);
        Map<String, Object> defs = new LinkedHashMap<>();
        definitions.forEach((fields, name) -> defs.put(name, fields(fields)));
        // a policy of a known kind is held to that kind's keys, as the loader holds it
        Map<String, Object> other = new LinkedHashMap<>(fields(Schema.UNKNOWN_POLICY));
        other.put("not", Map.of("anyOf", schema.backupPolicies.keySet().stream()
                .map(kind -> Map.of("required", List.of(kind))).toList()));
        defs.put(definitions.get(Schema.UNKNOWN_POLICY), other);
        json.put("$defs", defs);
        return Json.write(json) + "\n";
    }

    private Map<String, Object> rule(Schema.Rule rule) {
        if (rule instanceof Schema.Fields fields && definitions.containsKey(fields)) {
            return Map.of("$ref", "#/$defs/" + definitions.get(fields));
        }
        if (rule instanceof Schema.Fields fields) {
            return fields(fields);
        }
        if (rule instanceof Schema.OneOf oneOf) {
            return anyOf(Map.of("enum", oneOf.allowed()), REFERENCE);
        }
        if (rule instanceof Schema.Texts) {
            return Map.of("type", "array", "minItems", 1, "items", Map.of("type", List.of("string", "number", "boolean")));
        }
        if (rule instanceof Schema.Transport transport) {
            List<Map<String, Object>> kinds = new ArrayList<>();
            kinds.add(rule(transport.builtIn()));
            transport.kinds().values().forEach(kind -> kinds.add(rule(kind)));
            return Map.of("anyOf", kinds);
        }
        if (rule instanceof Schema.Refused refused) {
            // an editor flags it at once, and shows why on hover
            return describe(Map.of("not", Map.of()), refused.why());
        }
        if (rule instanceof Schema.TextMap) {
            return object(Map.of("minProperties", 1, "additionalProperties", Map.of("type", List.of("string", "number", "boolean"))));
        }
        if (rule == schema.role.rules().get("backup")) {
            List<Map<String, Object>> kinds = new ArrayList<>();
            schema.backupPolicies.values().forEach(kind -> kinds.add(rule(kind)));
            kinds.add(rule(Schema.UNKNOWN_POLICY));
            Map<String, Object> policy = Map.of("anyOf", kinds);
            return anyOf(policy, array(policy));
        }
        if (rule == Schema.TEXT || rule == Schema.PATH || rule == Schema.HOST_GLOB) {
            return Map.of("type", "string");
        }
        if (rule == Schema.PORT) {
            return anyOf(Map.of("type", "integer", "minimum", 1, "maximum", 65535),
                    Map.of("type", "string", "pattern", "^[0-9]{1,5}$"), REFERENCE);
        }
        if (rule == Schema.BOOLEAN) {
            return anyOf(Map.of("type", "boolean"), Map.of("type", "string", "pattern", "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"),
                    REFERENCE);
        }
        if (rule == Schema.DURATION) {
            return Map.of("type", "string", "description", "A duration: 500ms, 30s, 90m, 24h, 2d, 1h30m or ISO-8601 (PT24H).");
        }
        if (rule == Schema.VARIABLE_NAME) {
            return Map.of("type", "string", "pattern", "^[A-Za-z_][A-Za-z0-9_]*$",
                    "description", "The name of an environment variable, never the secret itself.");
        }
        if (rule == Schema.PATHS) {
            return anyOf(Map.of("type", "string"), array(Map.of("type", "string")));
        }
        if (rule == Schema.ROLE_NAME) {
            return anyOf(Map.of("type", "string", "pattern", NAME_PATTERN), REFERENCE);
        }
        if (rule == Schema.ROLE_NAMES) {
            return anyOf(rule(Schema.ROLE_NAME), array(rule(Schema.ROLE_NAME)));
        }
        if (rule == Schema.FREE_MAP) {
            return Map.of("type", "object");
        }
        if (rule == Schema.SCALAR) {
            return Map.of("type", List.of("string", "number", "boolean"));
        }
        throw new IllegalStateException("The JSON Schema of environment files does not know the rule " + rule
                + ": say in EnvironmentJsonSchema what it accepts");
    }

    private Map<String, Object> fields(Schema.Fields fields) {
        Map<String, Object> properties = new LinkedHashMap<>();
        fields.rules().forEach((key, rule) -> {
            if (rule != Schema.ELSEWHERE) {
                // "~" removes an inherited value, so every key may be null
                properties.put(key, nullable(rule(rule)));
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "object");
        json.put("properties", properties);
        if (!fields.required().isEmpty()) {
            json.put("required", List.copyOf(fields.required().keySet()));
        }
        json.put("additionalProperties", fields.open());
        return json;
    }

    private static Map<String, Object> object(Map<String, Object> constraints) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "object");
        // Map.of has no order of its own: the file must be the same on every run
        json.putAll(new TreeMap<>(constraints));
        return json;
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "array");
        json.put("items", items);
        return json;
    }

    @SafeVarargs
    private static Map<String, Object> anyOf(Map<String, Object>... alternatives) {
        return Map.of("anyOf", List.of(alternatives));
    }

    private static Map<String, Object> nullable(Map<String, Object> json) {
        return Map.of("anyOf", List.of(json, Map.of("type", "null")));
    }

    private static Map<String, Object> describe(Map<String, Object> json, String description) {
        Map<String, Object> described = new LinkedHashMap<>(json);
        described.put("description", description);
        return described;
    }
}

package dev.infrajunit.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of environment files, for editors (completion and validation while typing),
 * generated from {@link Schema}, the rules the loader enforces, so the two cannot drift. A rule this
 * generator does not know is an error: whoever adds one says here what editors should accept.
 */
public final class EnvironmentJsonSchema {

    /** Where the generated schema is kept in the repository, relative to its root. */
    public static final String FILE = "schema/infra-environment.schema.json";

    private static final String NAME_PATTERN = "^" + Schema.NAME.pattern() + "$";
    /** A value that refers to ${env:...}, ${sys:...} or ${host} is checked when it is resolved. */
    private static final Map<String, Object> REFERENCE = Map.of("type", "string", "pattern", "\\$\\{");

    /** Parts that occur in several places, defined once under {@code $defs}. */
    private static final Map<Schema.Fields, String> DEFINITIONS = definitions();

    private EnvironmentJsonSchema() {
    }

    private static Map<Schema.Fields, String> definitions() {
        Map<Schema.Fields, String> definitions = new LinkedHashMap<>();
        definitions.put(Schema.ROLE, "role");
        definitions.put(Schema.HOST, "host");
        definitions.put(Schema.SSH, "ssh");
        definitions.put(Schema.AWS, "aws");
        definitions.put(Schema.BACKUP_POLICY, "backupPolicy");
        return definitions;
    }

    /** The schema as JSON text, keys in the order the loader lists them. */
    public static String generate() {
        Map<String, Object> top = fields(Schema.TOP);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) top.get("properties");
        properties.put("roles", describe(nullable(object(Map.of("additionalProperties", nullable(rule(Schema.ROLE)),
                "propertyNames", Map.of("pattern", NAME_PATTERN)))), "Named sets of keys that hosts inherit."));
        properties.put("hosts", describe(nullable(object(Map.of("additionalProperties", nullable(rule(Schema.HOST)),
                "propertyNames", Map.of("pattern", NAME_PATTERN)))), "The hosts, by name."));
        properties.put("hostSources", describe(array(Map.of("anyOf", Schema.HOST_SOURCES.values().stream()
                .map(EnvironmentJsonSchema::fields).toList())), "Where to discover more hosts: sshConfig or ec2 entries."));
        properties.put(Waivers.KEY, describe(array(fields(Schema.WAIVER)), "Checks waived for some hosts until a date."));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "infra-junit environment file");
        schema.putAll(top);
        Map<String, Object> defs = new LinkedHashMap<>();
        DEFINITIONS.forEach((fields, name) -> defs.put(name, fields(fields)));
        schema.put("$defs", defs);
        return Json.write(schema) + "\n";
    }

    private static Map<String, Object> rule(Schema.Rule rule) {
        if (rule instanceof Schema.Fields fields && DEFINITIONS.containsKey(fields)) {
            return Map.of("$ref", "#/$defs/" + DEFINITIONS.get(fields));
        }
        if (rule instanceof Schema.Fields fields) {
            return fields(fields);
        }
        if (rule instanceof Schema.OneOf oneOf) {
            return anyOf(Map.of("enum", oneOf.allowed()), REFERENCE);
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
        if (rule == Schema.BACKUP) {
            return anyOf(rule(Schema.BACKUP_POLICY), array(rule(Schema.BACKUP_POLICY)));
        }
        if (rule == Schema.TAGS) {
            return object(Map.of("minProperties", 1, "additionalProperties", Map.of("type", List.of("string", "number", "boolean"))));
        }
        throw new IllegalStateException("The JSON Schema of environment files does not know the rule " + rule
                + ": say in EnvironmentJsonSchema what it accepts");
    }

    private static Map<String, Object> fields(Schema.Fields fields) {
        Map<String, Object> properties = new LinkedHashMap<>();
        fields.rules().forEach((key, rule) -> {
            if (rule != Schema.ELSEWHERE) {
                // "~" removes an inherited value, so every key may be null
                properties.put(key, nullable(rule(rule)));
            }
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", fields.open());
        return schema;
    }

    private static Map<String, Object> object(Map<String, Object> constraints) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        // Map.of has no order of its own: the file must be the same on every run
        schema.putAll(new java.util.TreeMap<>(constraints));
        return schema;
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "array");
        schema.put("items", items);
        return schema;
    }

    @SafeVarargs
    private static Map<String, Object> anyOf(Map<String, Object>... alternatives) {
        return Map.of("anyOf", List.of(alternatives));
    }

    private static Map<String, Object> nullable(Map<String, Object> schema) {
        return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
    }

    private static Map<String, Object> describe(Map<String, Object> schema, String description) {
        Map<String, Object> described = new LinkedHashMap<>(schema);
        described.put("description", description);
        return described;
    }
}

package dev.infrajunit.assertions.facts;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Configuration files parsed into a tree that a key path such as {@code server.tls.port} or
 * {@code upstreams[1].host} walks: JSON and YAML (JSON read as the YAML 1.2 it is), Java
 * properties (keys taken whole, dots included), and INI ({@code [section]} then
 * {@code key = value}, addressed as {@code section.key}), and sshd's effective configuration as
 * {@code sshd -T} prints it (keywords case-insensitive, a repeated keyword a list).
 */
public final class ConfigDocuments {

    /** The formats, named as messages name them. */
    public enum Format {
        JSON("JSON"), YAML("YAML"), PROPERTIES("Java properties"), INI("INI"),
        /** {@code sshd -T}: one {@code keyword value} per line, keywords in lower case, some repeated. */
        SSHD_EFFECTIVE("sshd -T output");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A file's content does not parse in its format; the message says where. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message);
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");
    private static final Pattern KEY_PATH = Pattern.compile("[^.\\[\\]]+(\\[\\d+])*(\\.[^.\\[\\]]+(\\[\\d+])*)*");

    /** A key that is there with no value (JSON's {@code null}, YAML's {@code ~}); it reads as {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private ConfigDocuments() {
    }

    public static Object parse(Format format, String text) throws MalformedException {
        return switch (format) {
            case JSON, YAML -> yaml(text);
            case PROPERTIES -> properties(text);
            case INI -> ini(text);
            case SSHD_EFFECTIVE -> sshd(text);
        };
    }

    /** A key path is valid: keys joined by dots, each perhaps followed by list indexes. */
    public static void requireKeyPath(String path) {
        if (path == null || !KEY_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' is not a key path; write keys joined by dots, with list"
                    + " indexes in brackets, e.g. server.port or upstreams[0].host");
        }
    }

    /**
     * The value at a key path; empty when there is none. A properties document is looked up by the
     * whole path first, since its keys contain dots themselves.
     */
    public static Optional<Object> at(Format format, Object document, String path) {
        if (format == Format.SSHD_EFFECTIVE) {
            return Optional.ofNullable(((Map<?, ?>) document).get(path.toLowerCase(Locale.ROOT)));
        }
        if (document instanceof Map<?, ?> map && map.containsKey(path)) {
            return Optional.of(present(map.get(path)));
        }
        Object current = document;
        Matcher segment = SEGMENT.matcher(path);
        while (segment.find()) {
            if (segment.group(1) != null) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment.group(1))) {
                    return Optional.empty();
                }
                current = map.get(segment.group(1));
            } else {
                int index = Integer.parseInt(segment.group(2));
                if (!(current instanceof List<?> list) || index >= list.size()) {
                    return Optional.empty();
                }
                current = list.get(index);
            }
        }
        return Optional.of(present(current));
    }

    private static Object present(Object value) {
        return value == null ? NULL : value;
    }

    /** A value as an operator would write it: {@code 8080}, {@code true}, {@code [a, b]}; null as {@code null}. */
    public static String text(Object value) {
        return String.valueOf(value);
    }

    private static Object yaml(String text) throws MalformedException {
        try {
            Object loaded = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
            return loaded == null ? Map.of() : loaded;
        } catch (YamlEngineException e) {
            throw new MalformedException(e.getMessage().strip().replaceAll("\\s*\\n\\s*", " "));
        }
    }

    private static Object properties(String text) throws MalformedException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedException(e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    private static Object ini(String text) throws MalformedException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> section = root;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new MalformedException("line " + (i + 1) + ": a section header is written [name], not " + line);
                }
                Map<String, Object> named = new LinkedHashMap<>();
                root.put(line.substring(1, line.length() - 1).strip(), named);
                section = named;
                continue;
            }
            int separator = firstOf(line, '=', ':');
            String key = separator < 0 ? line : line.substring(0, separator).strip();
            section.put(key, separator < 0 ? "" : line.substring(separator + 1).strip());
        }
        return root;
    }

    private static Object sshd(String text) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] keyAndValue = line.strip().split("\\s+", 2);
            if (keyAndValue[0].isEmpty()) {
                continue;
            }
            String value = keyAndValue.length == 2 ? keyAndValue[1] : "";
            options.merge(keyAndValue[0].toLowerCase(Locale.ROOT), value, (old, added) -> {
                List<Object> values = old instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(old));
                values.add(added);
                return values;
            });
        }
        return options;
    }

    private static int firstOf(String line, char a, char b) {
        int first = line.indexOf(a);
        int second = line.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }
}

package dev.infrajunit.environment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value of an environment file together with where it was written, so that a problem found
 * after roles are merged into a host still names the line and key the value came from.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** 1-based line where the value starts. */
    int line();

    /** Dotted key path of the value as written, such as {@code roles.database.backup[1].maxAge}. */
    String path();

    /** How messages name what was found where something else was expected. */
    String describe();

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** One key of a map, with the line of the key itself. */
    record Member(String key, int line, YamlNode value) {
    }

    record Mapping(Map<String, Member> members, int line, String path) implements YamlNode {

        public Mapping {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        static Mapping empty(int line, String path) {
            return new Mapping(Map.of(), line, path);
        }

        Optional<Member> member(String key) {
            return Optional.ofNullable(members.get(key));
        }

        Mapping without(String... keys) {
            Map<String, Member> rest = new LinkedHashMap<>(members);
            for (String key : keys) {
                rest.remove(key);
            }
            return new Mapping(rest, line, path);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record Sequence(List<YamlNode> items, int line, String path) implements YamlNode {

        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A single value.
     *
     * @param value   the value as YAML types it (String, Integer, Long, BigInteger, Double, Boolean,
     *                or null), or the interpolated String
     * @param written the text as the file has it, before interpolation
     * @param interpolated whether {@code value} is the result of interpolating {@code written}
     * @param fromEnv whether the value contains an environment variable's value, which is never shown
     * @param awaitsHost whether it still holds {@code ${host}}, which only a host can resolve, so its
     *                   kind (a port, a duration) can only be checked for each host
     */
    record Scalar(Object value, String written, boolean interpolated, boolean fromEnv, boolean awaitsHost,
                  int line, String path) implements YamlNode {

        static Scalar of(Object value, String written, int line, String path) {
            return new Scalar(value, written, false, false, false, line, path);
        }

        boolean isNull() {
            return value == null;
        }

        /** The value as text: a string as is, anything else as the file spells it ({@code 012}, {@code True}). */
        String text() {
            return value instanceof String string ? string : written;
        }

        /** The value for a message; a value that holds an environment variable's value is not shown. */
        @Override
        public String describe() {
            if (value == null) {
                return "nothing";
            }
            if (!interpolated) {
                return "'" + written + "'";
            }
            if (fromEnv) {
                return "'" + written + "' (its value is not shown)";
            }
            return "'" + written + "' (= '" + value + "')";
        }
    }
}

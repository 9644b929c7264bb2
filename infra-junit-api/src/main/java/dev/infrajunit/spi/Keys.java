package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The keys a plug-in's part of an environment file accepts, and what each value must be. The
 * engine checks what is written against them before the plug-in is asked, and reports a mistake
 * the way it reports its own: with the file, the line, the key and the closest known key.
 *
 * <pre>{@code
 * Keys.of()
 *     .nested("ec2", Keys.of()
 *         .textMap("tags", "the tags to match, such as { env: staging, tier: web }")
 *         .required("tags", "the tags of the instances to find, such as ec2: { tags: { env: staging } }")
 *         .text("region")
 *         .roles("roles")
 *         .oneOf("address", "privateIp", "publicIp"))
 * }</pre>
 *
 * Values arrive as plain Java values: text as {@code String}, {@code paths} as a {@code String} or
 * a list of them, a boolean as {@code Boolean}, a port as {@code Integer}, a duration as written
 * ({@code 24h}), maps as {@code Map}.
 */
@API(status = EXPERIMENTAL)
public final class Keys {

    /** What a value must be. */
    public enum Type {
        /** Any single text value. */
        TEXT,
        /** A file path; {@code ~/} is the user's home. */
        PATH,
        /** One file path or a list of them. */
        PATHS,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A duration such as {@code 30s}, {@code 24h} or {@code PT24H}. */
        DURATION,
        /** A port number, 1 to 65535. */
        PORT,
        /** A single value kept as YAML typed it ({@code true}, {@code 1048576}, {@code text}). */
        SCALAR,
        /** One role name or a list of them, each declared under {@code roles:}. */
        ROLES,
        /** Host-name globs as a selector writes them ({@code web-*,!web-test}). */
        HOST_GLOB,
        /** A map of text values with at least one entry; {@link Key#expected()} says what it holds. */
        TEXT_MAP,
        /** A list of text values, at least one, such as the words of a command line. */
        TEXTS,
        /** One of {@link Key#values()}. */
        ONE_OF,
        /** A map with the keys {@link Key#nested()}. */
        NESTED,
        /**
         * A key people write that cannot work: it is never accepted, and {@link Key#expected()} says
         * why and what to write instead, in place of the message for an unknown key.
         */
        REFUSED
    }

    /**
     * One key.
     *
     * @param name     as written in the file
     * @param type     what its value must be
     * @param values   the allowed values of a {@link Type#ONE_OF} key
     * @param nested   the keys of a {@link Type#NESTED} key
     * @param expected how messages describe a {@link Type#TEXT_MAP} value; for a {@link Type#REFUSED} key, why
     *                 it is refused and what to write instead
     * @param required when the key must be written: what to give, for the message that asks for it
     */
    public record Key(String name, Type type, List<String> values, Optional<Keys> nested, Optional<String> expected,
                      Optional<String> required) {

        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            values = List.copyOf(values);
        }

        Key requiredAs(String hint) {
            return new Key(name, type, values, nested, expected, Optional.of(hint));
        }
    }

    private static final Keys NONE = new Keys(Map.of());

    private final Map<String, Key> keys;

    private Keys(Map<String, Key> keys) {
        this.keys = keys;
    }

    /** No keys yet. */
    public static Keys of() {
        return NONE;
    }

    public Keys text(String key) {
        return with(new Key(key, Type.TEXT, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys path(String key) {
        return with(new Key(key, Type.PATH, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys paths(String key) {
        return with(new Key(key, Type.PATHS, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys bool(String key) {
        return with(new Key(key, Type.BOOLEAN, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys duration(String key) {
        return with(new Key(key, Type.DURATION, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys port(String key) {
        return with(new Key(key, Type.PORT, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys scalar(String key) {
        return with(new Key(key, Type.SCALAR, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys roles(String key) {
        return with(new Key(key, Type.ROLES, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys hostGlob(String key) {
        return with(new Key(key, Type.HOST_GLOB, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** @param expected what the map holds, for messages: {@code the tags to match, such as { env: staging }} */
    public Keys textMap(String key, String expected) {
        return with(new Key(key, Type.TEXT_MAP, List.of(), Optional.empty(), Optional.of(expected), Optional.empty()));
    }

    public Keys texts(String key) {
        return with(new Key(key, Type.TEXTS, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys oneOf(String key, String... values) {
        return with(new Key(key, Type.ONE_OF, List.of(values), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public Keys nested(String key, Keys keys) {
        return with(new Key(key, Type.NESTED, List.of(), Optional.of(keys), Optional.empty(), Optional.empty()));
    }

    /**
     * A key that is never accepted, for a mistake people make: written, it is reported at its line
     * with {@code why} instead of as an unknown key.
     *
     * @param why why it cannot work and what to write instead, as a sentence
     */
    public Keys refused(String key, String why) {
        return with(new Key(key, Type.REFUSED, List.of(), Optional.empty(), Optional.of(why), Optional.empty()));
    }

    /**
     * Makes a key declared before this call one that must be written.
     *
     * @param hint what to give, completing {@code give ...}: {@code the tags of the instances to find}
     */
    public Keys required(String key, String hint) {
        Key declared = keys.get(key);
        if (declared == null) {
            throw new IllegalArgumentException("declare the key '" + key + "' before requiring it");
        }
        return with(declared.requiredAs(hint));
    }

    /** The keys in the order they were declared, which is the order messages list them. */
    public Map<String, Key> asMap() {
        return keys;
    }

    private Keys with(Key key) {
        Map<String, Key> more = new LinkedHashMap<>(keys);
        more.put(key.name(), key);
        return new Keys(Collections.unmodifiableMap(more));
    }

    @Override
    public String toString() {
        return "Keys" + keys.keySet();
    }
}

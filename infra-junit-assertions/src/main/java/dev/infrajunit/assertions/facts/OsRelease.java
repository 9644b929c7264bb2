package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operating system from {@code /etc/os-release} (or {@code /usr/lib/os-release}), read once per run.
 *
 * @param fields every key, values unquoted: {@code ID=debian}, {@code VERSION_ID=12}, ...
 */
public record OsRelease(Map<String, String> fields) {

    public static final String FACT = "infra-junit.os-release";
    public static final String SOURCE = "/etc/os-release";

    private static final Command READ = Command.of("cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release");
    /** What a backslash escapes inside double quotes, as the shell reads them. */
    private static final Pattern ESCAPED = Pattern.compile("\\\\([\"\\\\$`])");

    public OsRelease {
        fields = Map.copyOf(fields);
    }

    public static OsRelease of(Host host) {
        return host.fact(FACT, () -> {
            CommandResult result = HostTools.run(host, READ, "cat", "the operating system");
            if (!result.succeeded()) {
                throw HostTools.missing(host, "the operating system", "neither /etc/os-release nor /usr/lib/os-release exists");
            }
            return parse(result.stdoutLines());
        });
    }

    public String get(String key) {
        return fields.getOrDefault(key, "");
    }

    public String id() {
        return get("ID");
    }

    /** The distribution and what it derives from: {@code ubuntu debian}, {@code rocky rhel centos fedora}. */
    public List<String> family() {
        String like = get("ID_LIKE");
        return like.isBlank() ? List.of(id()) : Stream.concat(Stream.of(id()),
                Arrays.stream(Columns.of(like.strip()))).toList();
    }

    /** Shell-style {@code KEY=value}, the value optionally in single or double quotes with backslash escapes. */
    public static OsRelease parse(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.startsWith("#") || equals <= 0) {
                continue;
            }
            String value = trimmed.substring(equals + 1);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
                if (trimmed.charAt(equals + 1) == '"') {
                    value = ESCAPED.matcher(value).replaceAll("$1");
                }
            }
            fields.put(trimmed.substring(0, equals), value);
        }
        return new OsRelease(fields);
    }
}

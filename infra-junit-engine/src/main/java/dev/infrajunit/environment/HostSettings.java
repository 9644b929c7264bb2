package dev.infrajunit.environment;

import dev.infrajunit.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a host's merged, checked plain values into a {@link HostDefinition}, filling in the
 * defaults: port 0 and user "" (both meaning: what {@code ~/.ssh/config} says, else 22 and the
 * local user), no identity files, {@code ~/.ssh/known_hosts}, strict host key checking, connect
 * timeout 10s, command timeout 30s, no sudo, transport ssh, the host's name as its address.
 */
final class HostSettings {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private HostSettings() {
    }

    static HostDefinition definition(String name, Map<String, Object> properties, int line) {
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) properties.get("roles");
        return new HostDefinition(
                name,
                (String) properties.get("address"),
                roles,
                transportKind(properties.getOrDefault("transport", "ssh")),
                ssh(map(properties.get("ssh"))),
                duration(properties.get("commandTimeout"), DEFAULT_COMMAND_TIMEOUT),
                (Boolean) properties.getOrDefault("sudo", false),
                properties,
                line);
    }

    /** {@code ssh}, {@code local}, or the kind a {@code transport:} map names: {@code exec} for {@code { exec: [...] }}. */
    private static String transportKind(Object transport) {
        return transport instanceof Map<?, ?> map ? String.valueOf(map.keySet().iterator().next()) : (String) transport;
    }

    static SshSettings ssh(Map<String, Object> ssh) {
        return new SshSettings(
                (String) ssh.getOrDefault("user", ""),
                (Integer) ssh.getOrDefault("port", 0),
                identityFiles(ssh.get("identityFile")),
                Optional.ofNullable((String) ssh.get("passphraseEnv")),
                UserHome.expand((String) ssh.getOrDefault("knownHosts", "~/.ssh/known_hosts")),
                hostKeyChecking((String) ssh.getOrDefault("hostKeyChecking", "strict")),
                duration(ssh.get("connectTimeout"), DEFAULT_CONNECT_TIMEOUT),
                Optional.ofNullable((String) ssh.get("jumpHost")),
                (Boolean) ssh.getOrDefault("useSshConfig", true),
                Optional.ofNullable((String) ssh.get("configFile")).map(UserHome::expand));
    }

    private static List<Path> identityFiles(Object value) {
        List<?> files = value == null ? List.of() : value instanceof List<?> list ? list : List.of(value);
        return files.stream().map(file -> UserHome.expand((String) file)).toList();
    }

    private static HostKeyChecking hostKeyChecking(String value) {
        return HostKeyChecking.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static Duration duration(Object value, Duration fallback) {
        return value == null ? fallback : Durations.parse((String) value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}

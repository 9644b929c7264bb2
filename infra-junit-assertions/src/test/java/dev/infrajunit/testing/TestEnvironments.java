package dev.infrajunit.testing;

import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import dev.infrajunit.runtime.RunEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real run environments for tests, built the way the environment loader builds them. */
public final class TestEnvironments {

    private TestEnvironments() {
    }

    /** A host that runs its commands on this machine ({@code transport: local}). */
    public static HostDefinition localHost(String name, List<String> roles, Map<String, Object> properties) {
        return new HostDefinition(name, "localhost", roles, "local", ssh("", 0), Duration.ofSeconds(30), false, properties, 0);
    }

    public static HostDefinition localHost(String name, Map<String, Object> properties) {
        return localHost(name, List.of(), properties);
    }

    /** A host reached over SSH on loopback. */
    public static HostDefinition sshHost(String name, int port, String user, Path identityFile, Path knownHosts,
                                         Map<String, Object> properties) {
        return sshHost(name, "127.0.0.1", port, user, identityFile, knownHosts, properties);
    }

    /** A host reached over SSH at a loopback address of its own, as the OpenSSH test fleet's are. */
    public static HostDefinition sshHost(String name, String address, int port, String user, Path identityFile,
                                         Path knownHosts, Map<String, Object> properties) {
        SshSettings ssh = new SshSettings(user, port, List.of(identityFile), Optional.empty(), knownHosts,
                HostKeyChecking.STRICT, Duration.ofSeconds(5), Optional.empty(), false);
        return new HostDefinition(name, address, List.of(), "ssh", ssh, Duration.ofSeconds(30), false, properties, 0);
    }

    public static RunEnvironment environment(Map<String, Object> settings, HostDefinition... hosts) {
        return new RunEnvironment(new EnvironmentDefinition("test", Optional.empty(), settings, List.of(hosts)));
    }

    public static RunEnvironment environment(HostDefinition... hosts) {
        return environment(Map.of(), hosts);
    }

    private static SshSettings ssh(String user, int port) {
        return new SshSettings(user, port, List.of(), Optional.empty(), Path.of("/dev/null"), HostKeyChecking.STRICT,
                Duration.ofSeconds(5), Optional.empty(), false);
    }
}

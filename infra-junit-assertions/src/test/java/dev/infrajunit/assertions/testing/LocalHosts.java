package dev.infrajunit.assertions.testing;

import dev.infrajunit.Host;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import dev.infrajunit.runtime.RunEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A run environment of {@code transport: local} hosts: real commands on this machine, fresh facts
 * per environment. As a {@code @RegisterExtension} field it is one run per test, closed after it.
 */
public final class LocalHosts implements AutoCloseable, AfterEachCallback {

    private final RunEnvironment environment;

    public LocalHosts(String... names) {
        List<HostDefinition> hosts = Arrays.stream(names).map(LocalHosts::local).toList();
        this.environment = new RunEnvironment(new EnvironmentDefinition("test", Optional.empty(), Map.of(), hosts));
    }

    public Host host(String name) {
        return environment.host(name);
    }

    private static HostDefinition local(String name) {
        SshSettings ssh = new SshSettings("", 0, List.of(), Optional.empty(), Path.of("known_hosts"), HostKeyChecking.STRICT,
                Duration.ofSeconds(10), Optional.empty(), false);
        return new HostDefinition(name, "localhost", List.of(), "local", ssh, Duration.ofSeconds(30), false, Map.of(), 0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        environment.close();
    }
}

package dev.infrajunit.transport.ssh;

import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hosts played by embedded SSH servers for one test: each has its own working directory, all
 * trust one client key, and their host keys go into one known_hosts file. Closes everything.
 */
final class SshFixture implements AutoCloseable {

    final Path dir;
    final ClientKey key;
    final Path knownHosts;
    final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final List<EmbeddedSshServer> servers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Map<String, String> environment = Map.of();

    SshFixture(Path dir) {
        this.dir = dir;
        this.key = ClientKey.generate(dir.resolve("client"), KeyKind.ED25519);
        this.knownHosts = dir.resolve("known_hosts");
    }

    /** A started server whose commands run in {@code dir/<name>}, with its key in known_hosts. */
    EmbeddedSshServer server(String name) {
        return server(name, EmbeddedSshServer.builder());
    }

    EmbeddedSshServer server(String name, EmbeddedSshServer.Builder builder) {
        Path home = dir.resolve("hosts").resolve(name);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedSshServer server = builder.authorize(key.publicKey()).workingDirectory(home).start();
        servers.add(server);
        trust(server);
        return server;
    }

    void trust(EmbeddedSshServer server) {
        try {
            Files.writeString(knownHosts, server.knownHostsLine() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestHost host(String name, EmbeddedSshServer server) {
        return TestHost.on(name, server, key.privateKeyFile(), knownHosts);
    }

    Path home(String name) {
        return dir.resolve("hosts").resolve(name);
    }

    /** Environment variables the transports see instead of the real ones. */
    void environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
    }

    SshOptions options() {
        return SshOptions.defaults()
                .withEnvironment(environment::get)
                .withSshConfig(dir.resolve("no-ssh-config"))
                .withDefaultKeysDirectory(dir.resolve("no-default-keys"))
                .withWarnings(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    }

    /** The SSH transports of a run over these hosts. */
    SshTransports transports(HostDefinition... hosts) {
        return transports(options(), hosts);
    }

    SshTransports transports(SshOptions options, HostDefinition... hosts) {
        SshTransports transports = new SshTransports(new EnvironmentDefinition("test", Optional.empty(), Map.of(), List.of(hosts)), options);
        closeables.add(transports);
        return transports;
    }

    String warnings() {
        return warnings.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        for (EmbeddedSshServer server : servers) {
            server.close();
        }
    }
}

package dev.infrajunit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts {@code host-1} to {@code host-N} played by embedded SSH servers in this JVM, each working in
 * a directory of its own and all trusting one client key, with the known_hosts file that lists
 * them and an environment file's text naming them: the embedded counterpart of
 * {@link OpenSshFleet#environment}, for tests that check many hosts.
 */
public final class EmbeddedFleet implements AutoCloseable {

    private final List<EmbeddedSshServer> servers;
    private final String environment;

    private EmbeddedFleet(List<EmbeddedSshServer> servers, String environment) {
        this.servers = List.copyOf(servers);
        this.environment = environment;
    }

    /** Starts {@code count} hosts; the key, the known_hosts file and the hosts' directories go below {@code directory}. */
    public static EmbeddedFleet start(Path directory, int count) {
        ClientKey key = ClientKey.generate(directory.resolve("client"), KeyKind.ED25519);
        Path knownHosts = directory.resolve("known_hosts");
        StringBuilder yaml = new StringBuilder("ssh: { user: infra, identityFile: %s, knownHosts: %s, useSshConfig: false }\nhosts:\n"
                .formatted(key.privateKeyFile(), knownHosts));
        StringBuilder known = new StringBuilder();
        List<EmbeddedSshServer> servers = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                Path home = Files.createDirectories(directory.resolve("hosts").resolve("host-" + i));
                EmbeddedSshServer server = EmbeddedSshServer.builder().authorize(key.publicKey()).workingDirectory(home).start();
                servers.add(server);
                known.append(server.knownHostsLine()).append('\n');
                yaml.append("  host-%d: { address: %s, ssh: { port: %d } }\n".formatted(i, server.address(), server.port()));
            }
            Files.writeString(knownHosts, known);
        } catch (IOException | RuntimeException e) {
            servers.forEach(EmbeddedSshServer::close);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return new EmbeddedFleet(servers, yaml.toString());
    }

    /** The servers, {@code host-1} first. */
    public List<EmbeddedSshServer> servers() {
        return servers;
    }

    /** An environment file naming the hosts, logged into with the fleet's key and checked against its known_hosts. */
    public String environment() {
        return environment;
    }

    @Override
    public void close() {
        servers.forEach(EmbeddedSshServer::close);
    }
}

package dev.infrajunit.monitor;

import dev.infrajunit.monitor.run.Selection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An environment for the monitor's own tests: database hosts on this machine (transport local),
 * each with its own backup directory whose newest dump the test ages or renews, and optionally a host
 * that cannot be reached (an SSH port on loopback that nothing listens on).
 */
public final class LocalFleet {

    private final Path directory;
    private final Path environmentFile;

    private LocalFleet(Path directory, Path environmentFile) {
        this.directory = directory;
        this.environmentFile = environmentFile;
    }

    public static LocalFleet create(Path directory, List<String> hosts, boolean withUnreachableHost) throws IOException {
        StringBuilder yaml = new StringBuilder("roles:\n  database: {}\nhosts:\n");
        for (String host : hosts) {
            Path backups = Files.createDirectories(directory.resolve(host));
            yaml.append("  ").append(host).append(":\n    transport: local\n    roles: [database]\n")
                    .append("    backup: { files: \"").append(backups).append("/*.dump\", maxAge: 24h }\n");
        }
        if (withUnreachableHost) {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            yaml.append("  gone-1:\n    address: 127.0.0.1\n    roles: [database]\n")
                    .append("    ssh: { port: ").append(closedPort).append(", user: infra, connectTimeout: 2s }\n")
                    .append("    backup: { files: \"/var/backups/*.dump\", maxAge: 24h }\n");
        }
        Path environment = directory.resolve("environment.yaml");
        Files.writeString(environment, yaml);
        return new LocalFleet(directory, environment);
    }

    public Path environmentFile() {
        return environmentFile;
    }

    /** Writes a dump of that name on the host, as old as given. */
    public Path backup(String host, String name, Duration age) throws IOException {
        Path dump = Files.writeString(directory.resolve(host).resolve(name), "dump of " + host);
        Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minus(age)));
        return dump;
    }

    /** The monitor's own fixture specs against this fleet. */
    public Selection selection() {
        return new Selection(List.of(), List.of(), List.of("dev.infrajunit.monitor.fixtures.BackupsSpec"), List.of(), List.of(),
                List.of(), Map.of("infra.environment", environmentFile.toString()));
    }
}

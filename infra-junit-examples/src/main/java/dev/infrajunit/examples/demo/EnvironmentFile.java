package dev.infrajunit.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The environment file that describes the started demo fleet, in the same format a user writes
 * for real hosts: SSH defaults, roles with their backup policies, where more hosts are found, and
 * one entry per host.
 */
final class EnvironmentFile {

    private final Map<String, Object> ssh = new LinkedHashMap<>();
    private final Map<String, Object> aws = new LinkedHashMap<>();
    private final Map<String, Object> roles = new LinkedHashMap<>();
    private final List<Map<String, Object>> hostSources = new ArrayList<>();
    private final Map<String, Object> hosts = new LinkedHashMap<>();

    EnvironmentFile ssh(String key, Object value) {
        ssh.put(key, value);
        return this;
    }

    EnvironmentFile aws(String key, Object value) {
        aws.put(key, value);
        return this;
    }

    EnvironmentFile role(String name, Map<String, Object> defaults) {
        roles.put(name, defaults);
        return this;
    }

    EnvironmentFile hostSource(String kind, Map<String, Object> options) {
        hostSources.add(Map.of(kind, options));
        return this;
    }

    EnvironmentFile host(String name, Map<String, Object> entry) {
        hosts.put(name, entry);
        return this;
    }

    /** A host entry: where it listens and what it is; {@code more} adds keys such as {@code properties}. */
    static Map<String, Object> entry(int sshPort, List<String> roles, Map<String, Object> more) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("address", "127.0.0.1");
        entry.put("ssh", Map.of("port", sshPort));
        entry.put("roles", roles);
        entry.putAll(more);
        return entry;
    }

    void writeTo(Path file, String header) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ssh", ssh);
        document.put("commandTimeout", "10s");
        document.put("aws", aws);
        document.put("roles", roles);
        if (!hostSources.isEmpty()) {
            document.put("hostSources", hostSources);
        }
        document.put("hosts", hosts);
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setWidth(200)
                .build();
        String comment = header.lines().map(line -> "# " + line).reduce("", (a, b) -> a + b + "\n");
        try {
            Files.writeString(file, comment + new Dump(settings).dumpToString(document));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the demo environment file " + file, e);
        }
    }
}

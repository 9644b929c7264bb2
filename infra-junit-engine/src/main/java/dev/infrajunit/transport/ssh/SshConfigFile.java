package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * What {@code ~/.ssh/config} says about a host: {@code HostName}, {@code User}, {@code Port},
 * {@code IdentityFile} and {@code ProxyJump}, merged the way OpenSSH merges them (for each key
 * the first matching {@code Host} block that sets it wins; identity files add up). Parsed once.
 */
final class SshConfigFile {

    /** The keys of one host; empty strings and 0 mean "not set". */
    record Entry(String hostName, String user, int port, List<String> identityFiles, String proxyJump) {
        static final Entry NONE = new Entry("", "", 0, List.of(), "");
    }

    private final Path file;
    private final boolean named;
    private volatile List<HostConfigEntry> entries;

    /**
     * @param named whether the environment names this file ({@code ssh.configFile}), so that it must
     *              exist; the default {@code ~/.ssh/config} may be missing
     */
    SshConfigFile(Path file, boolean named) {
        this.file = file;
        this.named = named;
    }

    Path file() {
        return file;
    }

    Entry lookup(String alias) {
        List<HostConfigEntry> matching = HostConfigEntry.findMatchingEntries(alias, entries());
        if (matching.isEmpty()) {
            return Entry.NONE;
        }
        String hostName = "";
        String user = "";
        int port = 0;
        String proxyJump = "";
        List<String> identities = new ArrayList<>();
        for (HostConfigEntry entry : matching) {
            hostName = hostName.isEmpty() ? Optional.ofNullable(entry.getHostName()).orElse("") : hostName;
            user = user.isEmpty() ? Optional.ofNullable(entry.getUsername()).orElse("") : user;
            port = port == 0 && entry.getPort() > 0 ? entry.getPort() : port;
            proxyJump = proxyJump.isEmpty() ? Optional.ofNullable(entry.getProxyJump()).orElse("") : proxyJump;
            identities.addAll(entry.getIdentities());
        }
        return new Entry(hostName, user, port, List.copyOf(identities), proxyJump);
    }

    private List<HostConfigEntry> entries() {
        List<HostConfigEntry> parsed = entries;
        if (parsed == null) {
            synchronized (this) {
                if (entries == null) {
                    entries = read();
                }
                parsed = entries;
            }
        }
        return parsed;
    }

    private List<HostConfigEntry> read() {
        if (!Files.isRegularFile(file)) {
            if (named) {
                throw new IllegalStateException("The SSH client configuration " + file + " (ssh.configFile) is not a file;"
                        + " correct ssh.configFile, or leave it out for ~/.ssh/config");
            }
            return List.of();
        }
        try {
            return List.copyOf(HostConfigEntry.readHostConfigEntries(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not read the SSH client configuration " + file + ": " + e.getMessage()
                    + " (set ssh.useSshConfig: false to ignore it)", e);
        }
    }
}

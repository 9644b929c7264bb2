package dev.infrajunit.environment;

import dev.infrajunit.InfraException;
import dev.infrajunit.spi.DiscoveredHost;
import dev.infrajunit.spi.HostSource;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * {@code - sshConfig: ~/.ssh/config}: every {@code Host} alias of an OpenSSH client configuration
 * that names one host (no {@code *}, {@code ?} or {@code !}), optionally only those a {@code match}
 * glob selects. A host's address is its alias, and its SSH transport reads HostName, User, Port,
 * IdentityFile and ProxyJump from the same file ({@code ssh.configFile}), as {@code ssh} would.
 * {@code Include} lines are not followed: Apache MINA SSHD's parser, used here and by the transport,
 * reads them as plain keys.
 */
final class SshConfigHosts implements HostSource {

    static final String KIND = "sshConfig";
    static final String DEFAULT_FILE = "~/.ssh/config";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<DiscoveredHost> discover(Map<String, Object> entry, Context context) {
        String written = (String) entry.getOrDefault(KIND, DEFAULT_FILE);
        Path file = UserHome.expand(written).toAbsolutePath().normalize();
        Optional<HostSelector> match = Optional.ofNullable((String) entry.get("match")).map(HostSelector::parse);
        Set<String> aliases = new LinkedHashSet<>();
        for (HostConfigEntry section : read(file, written)) {
            for (String alias : section.getHost().split(",")) {
                String trimmed = alias.trim();
                if (namesOneHost(trimmed) && match.map(glob -> glob.matches(trimmed, List.of(), Map.of())).orElse(true)) {
                    aliases.add(trimmed);
                }
            }
        }
        Map<String, Object> ssh = Map.of("useSshConfig", true, "configFile", file.toString());
        return aliases.stream()
                .map(alias -> new DiscoveredHost(alias, "Host " + alias + " in " + file,
                        Map.of("address", alias, "transport", "ssh", "ssh", ssh)))
                .toList();
    }

    private static boolean namesOneHost(String alias) {
        return !alias.isEmpty() && !alias.startsWith("!") && alias.chars().noneMatch(c -> c == '*' || c == '?');
    }

    private static List<HostConfigEntry> read(Path file, String written) {
        String shown = "the SSH client configuration " + written + (written.equals(file.toString()) ? "" : " (" + file + ")");
        String fix = "; correct the path in sshConfig, or leave it out for " + DEFAULT_FILE;
        if (Files.isDirectory(file)) {
            throw new InfraException(shown + " is a directory, not a file" + fix);
        }
        try {
            return HostConfigEntry.readHostConfigEntries(file);
        } catch (NoSuchFileException e) {
            throw new InfraException(shown + " does not exist" + fix, e);
        } catch (AccessDeniedException e) {
            throw new InfraException(shown + " could not be read: permission denied; make it readable by the user"
                    + " the checks run as (" + System.getProperty("user.name") + ")", e);
        } catch (StreamCorruptedException e) {
            throw new InfraException(shown + " could not be read: " + e.getMessage() + " (Apache MINA SSHD reads"
                    + " Host sections only); give sshConfig a file that lists the hosts in Host sections", e);
        } catch (IOException | RuntimeException e) {
            throw new InfraException(shown + " could not be read: " + e + fix, e);
        }
    }
}

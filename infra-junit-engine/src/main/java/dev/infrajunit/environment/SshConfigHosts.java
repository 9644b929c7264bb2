package dev.infrajunit.environment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.InfraException;
import dev.infrajunit.spi.DiscoveredHost;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * {@code - sshConfig: ~/.ssh/config}: every {@code Host} alias of an OpenSSH client configuration
 * that names one host (no {@code *}, {@code ?} or {@code !}), optionally only those a {@code match}
 * glob selects, in this file and in the files it {@code Include}s. A host's address is its alias,
 * and its SSH transport reads its settings from the same file ({@code ssh.configFile}), as
 * {@code ssh} would.
 */
@API(status = INTERNAL)
public final class SshConfigHosts extends HostFileSource {

    static final String KIND = "sshConfig";
    static final String DEFAULT_FILE = "~/.ssh/config";
    /** OpenSSH's own limit on nested Include. */
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** {@code - sshConfig: ~/.ssh/config} with its options beside it; nothing after the key means the default file. */
    public SshConfigHosts() {
        super(KIND);
    }

    @Override
    public List<DiscoveredHost> discover(Map<String, Object> entry, Context context) {
        String written = (String) entry.getOrDefault(KIND, DEFAULT_FILE);
        Path file = UserHome.expand(written).toAbsolutePath().normalize();
        Predicate<String> match = matching(entry);
        Set<String> aliases = new LinkedHashSet<>();
        for (String alias : aliases(file, written)) {
            if (namesOneHost(alias) && match.test(alias)) {
                aliases.add(alias);
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

    private static List<String> aliases(Path file, String written) {
        String shown = "the SSH client configuration " + written + (written.equals(file.toString()) ? "" : " (" + file + ")");
        String fix = "; correct the path in sshConfig, or leave it out for " + DEFAULT_FILE;
        if (Files.isDirectory(file)) {
            throw new InfraException(shown + " is a directory, not a file" + fix);
        }
        try {
            List<String> aliases = new ArrayList<>();
            collect(file, aliases, 0);
            return aliases;
        } catch (NoSuchFileException e) {
            throw new InfraException(shown + " does not exist" + fix, e);
        } catch (AccessDeniedException e) {
            throw new InfraException(shown + " could not be read: permission denied; make it readable by the user"
                    + " the checks run as (" + System.getProperty("user.name") + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new InfraException(shown + " could not be read: " + e + fix, e);
        }
    }

    /**
     * The aliases of every {@code Host} line, in file order, with {@code Include}d files read where
     * they are included, as ssh reads them. {@code Match} blocks name no host.
     */
    private static void collect(Path file, List<String> aliases, int depth) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] words = line.strip().split("[\\s=]+", 2);
            if (words.length < 2 || words[0].startsWith("#")) {
                continue;
            }
            String keyword = words[0].toLowerCase(Locale.ROOT);
            if (keyword.equals("host")) {
                for (String alias : words[1].split("\\s+")) {
                    aliases.add(alias.replace("\"", ""));
                }
            } else if (keyword.equals("include") && depth < MAX_INCLUDE_DEPTH) {
                for (String pattern : words[1].split("\\s+")) {
                    for (Path included : included(pattern)) {
                        collect(included, aliases, depth + 1);
                    }
                }
            }
        }
    }

    /**
     * The files an {@code Include} pattern names, sorted as glob(3) sorts them; a relative path is
     * under {@code ~/.ssh}, as for ssh's user configuration. A pattern that matches nothing is no error.
     */
    private static List<Path> included(String pattern) throws IOException {
        Path path = UserHome.expand(pattern);
        if (!path.isAbsolute()) {
            path = UserHome.expand("~/.ssh").resolve(path);
        }
        Path directory = path.getParent();
        String name = path.getFileName().toString();
        if (name.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        PathMatcher matcher = directory.getFileSystem().getPathMatcher("glob:" + name);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> matcher.matches(file.getFileName()) && Files.isRegularFile(file)).sorted().toList();
        }
    }
}

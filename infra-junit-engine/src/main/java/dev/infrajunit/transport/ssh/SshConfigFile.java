package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * An OpenSSH client configuration read without an {@code ssh} client, by Apache MINA SSHD's parser:
 * {@code Host} blocks, merged the way OpenSSH merges them (for each key the first matching block
 * that sets it wins; identity and certificate files add up). What that parser cannot read
 * ({@code Match} blocks, {@code Include}) is left out with one warning naming the file and line,
 * so the rest of the file still applies. Parsed once.
 */
final class SshConfigFile {

    private static final String ENCODED = "base64:";

    private final Path file;
    private final boolean named;
    private final PrintStream warnings;
    private volatile List<HostConfigEntry> entries;

    /**
     * @param named    whether the environment names this file ({@code ssh.configFile}), so that it must
     *                 exist; the default {@code ~/.ssh/config} may be missing
     * @param warnings where the constructs left out are reported
     */
    SshConfigFile(Path file, boolean named, PrintStream warnings) {
        this.file = file;
        this.named = named;
        this.warnings = warnings;
    }

    Path file() {
        return file;
    }

    SshConfigEntry lookup(String alias) {
        List<HostConfigEntry> matching = HostConfigEntry.findMatchingEntries(alias, entries());
        if (matching.isEmpty()) {
            return SshConfigEntry.NONE;
        }
        List<String> identities = new ArrayList<>();
        List<String> certificates = new ArrayList<>();
        for (HostConfigEntry entry : matching) {
            identities.addAll(entry.getIdentities());
            certificates.addAll(values(entry, HostConfigEntry.CERTIFICATE_FILE_CONFIG_PROP));
        }
        Function<Function<HostConfigEntry, String>, String> first = getter -> matching.stream().map(getter)
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse("");
        String port = first.apply(entry -> entry.getPort() > 0 ? String.valueOf(entry.getPort()) : null);
        String knownHosts = first.apply(entry -> entry.getProperty("UserKnownHostsFile"));
        String globalKnownHosts = first.apply(entry -> entry.getProperty("GlobalKnownHostsFile"));
        return new SshConfigEntry(
                first.apply(HostConfigEntry::getHostName).replace("%h", alias),
                first.apply(HostConfigEntry::getUsername),
                port.isEmpty() ? 0 : Integer.parseInt(port),
                identities, certificates,
                first.apply(entry -> entry.getProperty(HostConfigEntry.EXCLUSIVE_IDENTITIES_CONFIG_PROP)).equalsIgnoreCase("yes"),
                none(first.apply(HostConfigEntry::getProxyJump)),
                none(decoded(first.apply(entry -> entry.getProperty("ProxyCommand")))),
                knownHosts.isEmpty() ? List.of() : List.of(knownHosts.split("[ ,]+")),
                globalKnownHosts.isEmpty() ? List.of() : List.of(globalKnownHosts.split("[ ,]+")),
                none(first.apply(entry -> entry.getProperty("HostKeyAlias"))));
    }

    private static List<String> values(HostConfigEntry entry, String key) {
        String value = entry.getProperty(key);
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }

    private static String none(String value) {
        return value.equalsIgnoreCase("none") ? "" : value;
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
            String readable = withoutUnreadableParts(Files.readAllLines(file));
            return List.copyOf(HostConfigEntry.readHostConfigEntries(new StringReader(readable), true));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not read the SSH client configuration " + file + ": " + e.getMessage()
                    + " (set ssh.useSshConfig: false to ignore it)", e);
        }
    }

    /**
     * The file with {@code Match} blocks and {@code Include} lines blanked out (so line numbers stay),
     * each reported once.
     */
    private String withoutUnreadableParts(List<String> lines) {
        StringBuilder kept = new StringBuilder();
        boolean inMatch = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String keyword = keyword(line);
            if (keyword.equals("host")) {
                inMatch = false;
            } else if (keyword.equals("match")) {
                inMatch = true;
                warn(i + 1, "its Match block is ignored");
            } else if (keyword.equals("include")) {
                warn(i + 1, "Include is not followed");
                line = "";
            } else if (keyword.equals("proxycommand")) {
                line = "ProxyCommand " + ENCODED + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        value(line).getBytes(StandardCharsets.UTF_8));
            }
            kept.append(inMatch ? "" : line).append('\n');
        }
        return kept.toString();
    }

    private void warn(int line, String what) {
        warnings.println("WARNING: " + file + ":" + line + ": " + what + ": without an ssh client on the PATH, only Host"
                + " blocks are read. Install the OpenSSH client so that ssh -G reads this file as ssh does");
    }

    /** A command as written: the parser would split it into comma-separated words. */
    private static String decoded(String value) {
        return value.startsWith(ENCODED)
                ? new String(Base64.getUrlDecoder().decode(value.substring(ENCODED.length())), StandardCharsets.UTF_8) : value;
    }

    private static String value(String line) {
        String trimmed = line.strip();
        return trimmed.substring(keyword(line).length()).replaceFirst("^[\\s=]+", "");
    }

    private static String keyword(String line) {
        String trimmed = line.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != '=') {
            end++;
        }
        return trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    }
}

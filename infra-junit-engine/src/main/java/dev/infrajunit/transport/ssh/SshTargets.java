package dev.infrajunit.transport.ssh;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.environment.SshSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * Turns a host's SSH settings, and what its SSH client configuration ({@code ssh.configFile}, else
 * {@code ~/.ssh/config}) says about it, into a {@link SshTarget}.
 */
final class SshTargets {

    private static final Pattern USER_HOST_PORT = Pattern.compile("(?:([^@]+)@)?(\\[[^]]+]|[^:@]+)(?::(\\d+))?");
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Path defaultSshConfig;
    // each file parsed once per run, whichever hosts name it
    private final Map<Path, SshConfigFile> sshConfigs = new ConcurrentHashMap<>();
    private final Path defaultKeysDirectory;
    private final String localUser;

    SshTargets(Path defaultSshConfig, Path defaultKeysDirectory, String localUser) {
        this.defaultSshConfig = defaultSshConfig;
        this.defaultKeysDirectory = defaultKeysDirectory;
        this.localUser = localUser;
    }

    /** The target for an environment host at {@code address}. */
    SshTarget resolve(String hostName, String address, SshSettings ssh) {
        return resolve(hostName, address, ssh, "", 0, ssh.jumpHost());
    }

    /**
     * The target for a jump host written as {@code user@host:port} (user and port optional), reached
     * with the settings of the host that needs it.
     */
    SshTarget resolveJump(String forHost, String spec, SshSettings ssh, Optional<String> jumpOfJump) {
        Matcher matcher = USER_HOST_PORT.matcher(spec.trim());
        if (!matcher.matches()) {
            throw new CouldNotCheckException(forHost, "cannot read the jump host '" + spec
                    + "': write a host of the environment, or user@host:port (user and port optional)");
        }
        String address = matcher.group(2).replaceAll("^\\[|]$", "");
        String user = Optional.ofNullable(matcher.group(1)).orElse("");
        int port = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return resolve(spec.trim(), address, ssh, user, port, jumpOfJump);
    }

    private SshTarget resolve(String hostName, String address, SshSettings ssh, String userOverride, int portOverride,
                              Optional<String> jump) {
        SshConfigFile sshConfig = sshConfigs.computeIfAbsent(ssh.configFile().orElse(defaultSshConfig),
                file -> new SshConfigFile(file, ssh.configFile().isPresent()));
        SshConfigFile.Entry config = ssh.useSshConfig() ? lookup(hostName, sshConfig, address) : SshConfigFile.Entry.NONE;
        String user = first(userOverride, ssh.user(), config.user(), localUser);
        int port = portOverride > 0 ? portOverride : ssh.port() > 0 ? ssh.port() : config.port() > 0 ? config.port() : 22;
        // HostName may say %h for the name it was looked up by, as in "HostName %h.internal.example"
        String connectTo = config.hostName().isEmpty() ? address : config.hostName().replace("%h", address);

        List<Path> optional = new ArrayList<>();
        for (String identity : config.identityFiles()) {
            optional.add(expand(hostName, sshConfig, identity, connectTo, port, user));
        }
        if (ssh.identityFiles().isEmpty() && optional.isEmpty()) {
            DEFAULT_KEYS.forEach(name -> optional.add(defaultKeysDirectory.resolve(name)));
        }
        Optional<String> effectiveJump = jump.filter(j -> !j.isBlank())
                .or(() -> Optional.of(config.proxyJump()).filter(j -> !j.isBlank() && !j.equalsIgnoreCase("none")));
        return new SshTarget(hostName, connectTo, port, user, ssh.identityFiles(), optional, ssh.passphraseEnv(),
                ssh.knownHosts(), ssh.hostKeyChecking(), ssh.connectTimeout(), effectiveJump);
    }

    private static SshConfigFile.Entry lookup(String hostName, SshConfigFile sshConfig, String address) {
        try {
            return sshConfig.lookup(address);
        } catch (IllegalStateException e) {
            throw new CouldNotCheckException(hostName, e.getMessage(), e);
        }
    }

    private static Path expand(String hostName, SshConfigFile sshConfig, String identity, String host, int port, String user) {
        try {
            return Path.of(HostConfigEntry.resolveIdentityFilePath(identity, host, port, user));
        } catch (IOException | RuntimeException e) {
            throw new CouldNotCheckException(hostName, "cannot expand IdentityFile " + identity + " from "
                    + sshConfig.file() + ": " + e.getMessage());
        }
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }
}

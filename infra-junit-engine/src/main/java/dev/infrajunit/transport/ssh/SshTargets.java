package dev.infrajunit.transport.ssh;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.environment.SshSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
    private static final Path USER_SSH_CONFIG = Path.of(System.getProperty("user.home"), ".ssh", "config");
    private static final Path DEFAULT_KNOWN_HOSTS = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");

    private final Path defaultSshConfig;
    // each file parsed once per run, whichever hosts name it
    private final Map<Path, SshConfigFile> sshConfigs = new ConcurrentHashMap<>();
    private final Optional<OpenSshConfig> openSsh;
    private final Path defaultKeysDirectory;
    private final String localUser;
    private final PrintStream warnings;

    SshTargets(SshOptions options) {
        this.defaultSshConfig = options.sshConfig();
        this.defaultKeysDirectory = options.defaultKeysDirectory();
        this.localUser = options.localUser();
        this.warnings = options.warnings();
        this.openSsh = options.sshClient().map(OpenSshConfig::new);
    }

    /** The target for an environment host at {@code address}. */
    SshTarget resolve(String hostName, String address, SshSettings ssh) {
        return resolve(hostName, address, ssh, "", 0, ssh.jumpHost());
    }

    /** Reads, ahead of {@link #resolve}, what the client configuration says about an environment host. */
    void prepare(String hostName, String address, SshSettings ssh) {
        if (ssh.useSshConfig()) {
            lookup(hostName, ssh, ssh.configFile().orElse(defaultSshConfig), address);
        }
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
        Path configFile = ssh.configFile().orElse(defaultSshConfig);
        SshConfigEntry config = ssh.useSshConfig() ? lookup(hostName, ssh, configFile, address) : SshConfigEntry.NONE;
        String user = first(userOverride, ssh.user(), config.user(), localUser);
        int port = portOverride > 0 ? portOverride : ssh.port() > 0 ? ssh.port() : config.port() > 0 ? config.port() : 22;
        String connectTo = config.hostName().isEmpty() ? address : config.hostName();

        List<Path> optional = new ArrayList<>();
        for (String identity : config.identityFiles()) {
            optional.add(expand(hostName, configFile, "IdentityFile", identity, connectTo, port, user));
        }
        if (ssh.identityFiles().isEmpty() && optional.isEmpty()) {
            DEFAULT_KEYS.forEach(name -> optional.add(defaultKeysDirectory.resolve(name)));
        }
        List<Path> certificates = new ArrayList<>();
        for (String certificate : config.certificateFiles()) {
            certificates.add(expand(hostName, configFile, "CertificateFile", certificate, connectTo, port, user));
        }
        Optional<String> effectiveJump = jump.filter(j -> !j.isBlank())
                .or(() -> Optional.of(config.proxyJump()).filter(j -> !j.isBlank()));
        // as ssh reads them: the user's files (a known_hosts file the environment names wins over the
        // configuration's), then the system's; keys are recorded in the first
        List<Path> knownHosts = new ArrayList<>();
        if (ssh.knownHosts().equals(DEFAULT_KNOWN_HOSTS) && !config.knownHostsFiles().isEmpty()) {
            for (String file : config.knownHostsFiles()) {
                knownHosts.add(expand(hostName, configFile, "UserKnownHostsFile", file, connectTo, port, user));
            }
        } else {
            knownHosts.add(ssh.knownHosts());
        }
        for (String file : config.globalKnownHostsFiles()) {
            Path global = expand(hostName, configFile, "GlobalKnownHostsFile", file, connectTo, port, user);
            if (!knownHosts.contains(global)) {
                knownHosts.add(global);
            }
        }
        return new SshTarget(hostName, connectTo, port, user, ssh.identityFiles(), optional, ssh.passphraseEnv(),
                knownHosts, ssh.hostKeyChecking(), ssh.connectTimeout(), effectiveJump,
                Optional.of(config.proxyCommand()).filter(command -> !command.isBlank()), certificates,
                config.identitiesOnly(), Optional.of(config.hostKeyAlias()).filter(alias -> !alias.isBlank()), address);
    }

    /**
     * What the SSH client configuration says about {@code address}: through {@code ssh -G} when an
     * OpenSSH client is installed (reading {@code ~/.ssh/config} and the system's file as ssh does,
     * or only the file the host or the run names), else through Apache MINA SSHD's parser.
     */
    private SshConfigEntry lookup(String hostName, SshSettings ssh, Path configFile, String address) {
        try {
            if (openSsh.isPresent()) {
                if (ssh.configFile().isEmpty() && !Files.isRegularFile(configFile) && !configFile.equals(USER_SSH_CONFIG)) {
                    return SshConfigEntry.NONE;
                }
                if (ssh.configFile().isPresent() && !Files.isRegularFile(configFile)) {
                    throw new IllegalStateException("The SSH client configuration " + configFile + " (ssh.configFile) is"
                            + " not a file; correct ssh.configFile, or leave it out for ~/.ssh/config");
                }
                Optional<Path> only = configFile.equals(USER_SSH_CONFIG) ? Optional.empty() : Optional.of(configFile);
                return openSsh.get().lookup(address, only);
            }
            return sshConfigs.computeIfAbsent(configFile, file -> new SshConfigFile(file, ssh.configFile().isPresent(), warnings))
                    .lookup(address);
        } catch (IllegalStateException e) {
            throw new CouldNotCheckException(hostName, e.getMessage(), e);
        }
    }

    private static Path expand(String hostName, Path configFile, String key, String path, String host, int port, String user) {
        try {
            return Path.of(HostConfigEntry.resolveIdentityFilePath(path, host, port, user));
        } catch (IOException | RuntimeException e) {
            throw new CouldNotCheckException(hostName, "cannot expand " + key + " " + path + " from " + configFile + ": "
                    + e.getMessage());
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

package dev.infrajunit.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach a host over SSH, after defaults, role and host keys are merged.
 *
 * @param user            login user ({@code ssh.user}); empty means what {@code ~/.ssh/config} says, else the local user
 * @param port            TCP port ({@code ssh.port}); 0 means what {@code ~/.ssh/config} says, else 22
 * @param identityFiles   private keys to offer ({@code ssh.identityFile}, one or a list), in order
 * @param passphraseEnv   name of the environment variable holding the identity files' passphrase
 *                        ({@code ssh.passphraseEnv}); the passphrase itself never appears in the file
 * @param knownHosts      the known_hosts file ({@code ssh.knownHosts}, default {@code ~/.ssh/known_hosts})
 * @param hostKeyChecking {@code ssh.hostKeyChecking}
 * @param connectTimeout  {@code ssh.connectTimeout}, default 10s
 * @param jumpHost        {@code ssh.jumpHost}: a host of the environment, or {@code user@host:port}
 * @param useSshConfig    whether {@code ~/.ssh/config} is consulted ({@code ssh.useSshConfig}, default true)
 * @param configFile      the OpenSSH client configuration consulted instead of {@code ~/.ssh/config}
 *                        ({@code ssh.configFile}); a host found by an {@code sshConfig} host source has its file here
 */
public record SshSettings(
        String user,
        int port,
        List<Path> identityFiles,
        Optional<String> passphraseEnv,
        Path knownHosts,
        HostKeyChecking hostKeyChecking,
        Duration connectTimeout,
        Optional<String> jumpHost,
        boolean useSshConfig,
        Optional<Path> configFile) {

    public SshSettings {
        identityFiles = List.copyOf(identityFiles);
    }

    /** Settings that consult the run's own SSH client configuration, {@code ~/.ssh/config}. */
    public SshSettings(String user, int port, List<Path> identityFiles, Optional<String> passphraseEnv, Path knownHosts,
                       HostKeyChecking hostKeyChecking, Duration connectTimeout, Optional<String> jumpHost,
                       boolean useSshConfig) {
        this(user, port, identityFiles, passphraseEnv, knownHosts, hostKeyChecking, connectTimeout, jumpHost,
                useSshConfig, Optional.empty());
    }
}

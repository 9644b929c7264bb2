package dev.infrajunit.transport.ssh;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the SSH transports of a run take from the machine rather than from the environment file.
 *
 * @param environment             environment variables ({@code SSH_AUTH_SOCK}, the variables named by
 *                                {@code ssh.passphraseEnv})
 * @param sshConfig               the OpenSSH client configuration, {@code ~/.ssh/config}
 * @param defaultKeysDirectory    where the default keys ({@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}) are
 * @param localUser               the login user when neither the environment nor the SSH configuration names one
 * @param warnings                where host key warnings go
 * @param maxSessionsPerConnection commands run at once over one connection; below OpenSSH's
 *                                {@code MaxSessions} default of 10
 * @param keepAliveInterval       how often an idle connection is probed
 * @param keepAliveMaxMissed      unanswered probes after which the peer counts as dead
 * @param sshClient               the OpenSSH client whose {@code ssh -G} reads SSH client configurations;
 *                                without one, Apache MINA SSHD's parser reads their {@code Host} blocks
 * @param batchWindow             how long the first command a host is asked for waits for others to
 *                                travel with it in one session; zero sends each command on its own
 */
public record SshOptions(
        Function<String, String> environment,
        Path sshConfig,
        Path defaultKeysDirectory,
        String localUser,
        PrintStream warnings,
        int maxSessionsPerConnection,
        Duration keepAliveInterval,
        int keepAliveMaxMissed,
        Optional<Path> sshClient,
        Duration batchWindow) {

    /** The longest a command waits for batch-mates: usually the batch leaves sooner, once all the host's checks wait. */
    public static final Duration DEFAULT_BATCH_WINDOW = Duration.ofMillis(20);

    public static SshOptions defaults() {
        Path home = Path.of(System.getProperty("user.home"));
        return new SshOptions(System::getenv, home.resolve(".ssh/config"), home.resolve(".ssh"),
                System.getProperty("user.name"), System.err, 8, Duration.ofSeconds(5), 3, OpenSshConfig.findClient(),
                DEFAULT_BATCH_WINDOW);
    }

    public SshOptions withEnvironment(Function<String, String> environment) {
        return new SshOptions(environment, sshConfig, defaultKeysDirectory, localUser, warnings, maxSessionsPerConnection,
                keepAliveInterval, keepAliveMaxMissed, sshClient, batchWindow);
    }

    public SshOptions withSshConfig(Path sshConfig) {
        return new SshOptions(environment, sshConfig, defaultKeysDirectory, localUser, warnings, maxSessionsPerConnection,
                keepAliveInterval, keepAliveMaxMissed, sshClient, batchWindow);
    }

    public SshOptions withDefaultKeysDirectory(Path directory) {
        return new SshOptions(environment, sshConfig, directory, localUser, warnings, maxSessionsPerConnection,
                keepAliveInterval, keepAliveMaxMissed, sshClient, batchWindow);
    }

    public SshOptions withWarnings(PrintStream warnings) {
        return new SshOptions(environment, sshConfig, defaultKeysDirectory, localUser, warnings, maxSessionsPerConnection,
                keepAliveInterval, keepAliveMaxMissed, sshClient, batchWindow);
    }

    public SshOptions withKeepAlive(Duration interval, int maxMissed) {
        return new SshOptions(environment, sshConfig, defaultKeysDirectory, localUser, warnings, maxSessionsPerConnection,
                interval, maxMissed, sshClient, batchWindow);
    }

    public SshOptions withSshClient(Optional<Path> client) {
        return new SshOptions(environment, sshConfig, defaultKeysDirectory, localUser, warnings, maxSessionsPerConnection,
                keepAliveInterval, keepAliveMaxMissed, client, batchWindow);
    }

    public SshOptions withBatchWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the command batch window must not be negative: " + window);
        }
        return new SshOptions(environment, sshConfig, defaultKeysDirectory, localUser, warnings, maxSessionsPerConnection,
                keepAliveInterval, keepAliveMaxMissed, sshClient, window);
    }
}

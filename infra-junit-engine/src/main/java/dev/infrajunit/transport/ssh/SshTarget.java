package dev.infrajunit.transport.ssh;

import dev.infrajunit.environment.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where and how to connect for one host, once the environment file and {@code ~/.ssh/config}
 * have both been consulted.
 *
 * @param hostName         the host's name in the environment (every message begins with it)
 * @param address          the address to connect to (after {@code HostName})
 * @param port             the port
 * @param user             the login user
 * @param identityFiles    keys the environment file names; each must exist
 * @param optionalIdentityFiles keys {@code ~/.ssh/config} or the defaults name; skipped when missing
 * @param passphraseEnv    the environment variable holding the keys' passphrase
 * @param knownHosts       the known_hosts files the host key is looked up in, as ssh reads them: the user's
 *                         ({@code UserKnownHostsFile}), then the system's ({@code GlobalKnownHostsFile});
 *                         new keys are recorded in the first
 * @param hostKeyChecking  how host keys are verified
 * @param connectTimeout   how long connecting may take
 * @param jump             the jump host: an environment host name, {@code user@host:port}, or a
 *                         comma-separated chain of these
 * @param proxyCommand     {@code ProxyCommand}: a command whose standard input and output are the connection
 * @param certificateFiles user certificates ({@code CertificateFile}) for the identity files' keys
 * @param identitiesOnly   {@code IdentitiesOnly}: the agent's keys are offered only when they are those of an
 *                         identity file
 * @param hostKeyAlias     {@code HostKeyAlias}: the name the host key is looked up by in known_hosts
 * @param alias            the name the SSH client configuration was asked about ({@code %n})
 */
record SshTarget(
        String hostName,
        String address,
        int port,
        String user,
        List<Path> identityFiles,
        List<Path> optionalIdentityFiles,
        Optional<String> passphraseEnv,
        List<Path> knownHosts,
        HostKeyChecking hostKeyChecking,
        Duration connectTimeout,
        Optional<String> jump,
        Optional<String> proxyCommand,
        List<Path> certificateFiles,
        boolean identitiesOnly,
        Optional<String> hostKeyAlias,
        String alias) {

    SshTarget {
        identityFiles = List.copyOf(identityFiles);
        optionalIdentityFiles = List.copyOf(optionalIdentityFiles);
        certificateFiles = List.copyOf(certificateFiles);
        knownHosts = List.copyOf(knownHosts);
    }

    /** {@code user@address:port}, as messages show it. */
    String endpoint() {
        return user + "@" + address + ":" + port;
    }

    /** {@code address:port}. */
    String socketAddress() {
        return address + ":" + port;
    }
}

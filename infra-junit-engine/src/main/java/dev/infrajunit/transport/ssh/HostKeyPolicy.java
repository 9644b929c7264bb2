package dev.infrajunit.transport.ssh;

import dev.infrajunit.environment.HostKeyChecking;
import java.nio.file.Files;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Verifies the host key of one connection attempt as {@code ssh.hostKeyChecking} says, and keeps
 * the reason for a refusal so the error can say what was offered, what was expected and where.
 */
final class HostKeyPolicy implements HostKeyVerifier {

    private final String hostName;
    private final HostKeyChecking checking;
    private final KnownHostsFile knownHosts;
    private final HostKeyWarnings warnings;
    /** {@code HostKeyAlias}: the name the key is looked up and recorded by, without a port, as OpenSSH does. */
    private final Optional<String> alias;
    private volatile String refusal;

    HostKeyPolicy(String hostName, HostKeyChecking checking, KnownHostsFile knownHosts, HostKeyWarnings warnings,
                  Optional<String> alias) {
        this.hostName = hostName;
        this.alias = alias;
        this.checking = checking;
        this.knownHosts = knownHosts;
        this.warnings = warnings;
    }

    @Override
    public boolean verify(String host, int port, PublicKey key) {
        return alias.isPresent() ? check(alias.get(), 22, key) : check(host, port, key);
    }

    private boolean check(String host, int port, PublicKey key) {
        if (checking == HostKeyChecking.OFF) {
            warnings.checkingOff(hostName, host + ":" + port, key);
            return true;
        }
        return switch (knownHosts.check(host, port, key)) {
            case KNOWN -> true;
            case UNKNOWN -> {
                if (checking == HostKeyChecking.ACCEPT_NEW) {
                    yield switch (knownHosts.recordIfUnknown(host, port, key)) {
                        case UNKNOWN -> {
                            warnings.recorded(hostName, host + ":" + port, key, knownHosts.path());
                            yield true;
                        }
                        // recorded meanwhile by another connection or run
                        case KNOWN -> true;
                        case CHANGED -> changed(host, port, key);
                    };
                }
                String addIt = " with the host's administrator, then add the key: " + keyscan(host, port) + " >> "
                        + knownHosts.path() + " (or set ssh.hostKeyChecking: accept-new to record keys on first use)";
                // a missing file is more often a wrong ssh.knownHosts than a host nobody has connected to
                refusal = Files.exists(knownHosts.path())
                        ? "the host key of " + host + ":" + port + " is not in " + knownHosts.path() + " (the server offers "
                                + Fingerprints.describe(key) + "). Check that fingerprint" + addIt
                        : "the host key of " + host + ":" + port + " cannot be verified: the known_hosts file "
                                + knownHosts.path() + " (ssh.knownHosts) does not exist. If that path is wrong, correct"
                                + " ssh.knownHosts; otherwise check the fingerprint the server offers ("
                                + Fingerprints.describe(key) + ")" + addIt;
                yield false;
            }
            case CHANGED -> changed(host, port, key);
        };
    }

    private boolean changed(String host, int port, PublicKey key) {
        refusal = "the host key of " + host + ":" + port + " has CHANGED: the server offers "
                + Fingerprints.describe(key) + ", but " + knownHosts.path() + " records a different key for it."
                + " Someone may be intercepting the connection, or the host was reinstalled; if the change is"
                + " expected, remove the old key with ssh-keygen -R '" + KnownHostsFile.entryName(host, port)
                + "' -f " + knownHosts.path() + " and add the new one";
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String host, int port) {
        if (checking == HostKeyChecking.OFF) {
            return List.of();
        }
        return alias.isPresent() ? knownHosts.algorithms(alias.get(), 22) : knownHosts.algorithms(host, port);
    }

    /** Why the key was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    private static String keyscan(String host, int port) {
        return port == 22 ? "ssh-keyscan " + host : "ssh-keyscan -p " + port + " " + host;
    }
}

package dev.infrajunit.transport.ssh;

import dev.infrajunit.environment.HostKeyChecking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Verifies the host key of one connection attempt as {@code ssh.hostKeyChecking} says, and keeps
 * the reason for a refusal so the error can say what was offered, what was expected and where.
 */
final class HostKeyPolicy implements HostKeyVerifier {

    private final String hostName;
    private final HostKeyChecking checking;
    /** As ssh reads them: the key may be in any; new keys are recorded in the first. */
    private final List<KnownHostsFile> knownHosts;
    private final HostKeyWarnings warnings;
    /** {@code HostKeyAlias}: the name the key is looked up and recorded by, without a port, as OpenSSH does. */
    private final Optional<String> alias;
    private volatile String refusal;

    HostKeyPolicy(String hostName, HostKeyChecking checking, List<KnownHostsFile> knownHosts, HostKeyWarnings warnings,
                  Optional<String> alias) {
        this.hostName = hostName;
        this.alias = alias;
        this.checking = checking;
        this.knownHosts = List.copyOf(knownHosts);
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
        Optional<KnownHostsFile> changedIn = Optional.empty();
        for (KnownHostsFile file : knownHosts) {
            switch (file.check(host, port, key)) {
                case KNOWN -> {
                    return true;
                }
                case CHANGED -> changedIn = changedIn.or(() -> Optional.of(file));
                case UNKNOWN -> {
                    // perhaps in the next file
                }
            }
        }
        if (changedIn.isPresent()) {
            return changed(host, port, key, changedIn.get().path());
        }
        KnownHostsFile recordIn = knownHosts.get(0);
        if (checking == HostKeyChecking.ACCEPT_NEW) {
            return switch (recordIn.recordIfUnknown(host, port, key)) {
                case UNKNOWN -> {
                    warnings.recorded(hostName, host + ":" + port, key, recordIn.path());
                    yield true;
                }
                // recorded meanwhile by another connection or run
                case KNOWN -> true;
                case CHANGED -> changed(host, port, key, recordIn.path());
            };
        }
        String addIt = " with the host's administrator, then add the key: " + keyscan(host, port) + " >> "
                + recordIn.path() + " (or set ssh.hostKeyChecking: accept-new to record keys on first use)";
        List<Path> read = knownHosts.stream().map(KnownHostsFile::path).filter(Files::exists).toList();
        // no file at all is more often a wrong ssh.knownHosts than a host nobody has connected to
        refusal = !read.isEmpty()
                ? "the host key of " + host + ":" + port + " is not in " + either(read) + " (the server offers "
                        + Fingerprints.describe(key) + "). Check that fingerprint" + addIt
                : "the host key of " + host + ":" + port + " cannot be verified: the known_hosts file "
                        + recordIn.path() + " (ssh.knownHosts) does not exist. If that path is wrong, correct"
                        + " ssh.knownHosts; otherwise check the fingerprint the server offers ("
                        + Fingerprints.describe(key) + ")" + addIt;
        return false;
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String either(List<Path> files) {
        String all = files.stream().map(Path::toString).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }

    private boolean changed(String host, int port, PublicKey key, Path recordedIn) {
        refusal = "the host key of " + host + ":" + port + " has CHANGED: the server offers "
                + Fingerprints.describe(key) + ", but " + recordedIn + " records a different key for it."
                + " Someone may be intercepting the connection, or the host was reinstalled; if the change is"
                + " expected, remove the old key with ssh-keygen -R '" + KnownHostsFile.entryName(host, port)
                + "' -f " + recordedIn + " and add the new one";
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String host, int port) {
        if (checking == HostKeyChecking.OFF) {
            return List.of();
        }
        String name = alias.orElse(host);
        int recordedPort = alias.isPresent() ? 22 : port;
        return knownHosts.stream().flatMap(file -> file.algorithms(name, recordedPort).stream()).distinct().toList();
    }

    /** Why the key was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    private static String keyscan(String host, int port) {
        return port == 22 ? "ssh-keyscan " + host : "ssh-keyscan -p " + port + " " + host;
    }
}

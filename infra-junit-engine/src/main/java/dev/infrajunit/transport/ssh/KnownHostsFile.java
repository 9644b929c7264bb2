package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file, read once per run and shared by every host that uses it. SSHJ's parser
 * handles hashed entries ({@code |1|...}) and {@code [host]:port}; this class only adds thread
 * safety, the verdict a message needs, and appending for {@code accept-new}.
 */
final class KnownHostsFile {

    enum Verdict { KNOWN, UNKNOWN, CHANGED }

    private final Path path;
    private Recording parsed;

    KnownHostsFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    synchronized Verdict check(String host, int port, PublicKey key) {
        Recording knownHosts = parsed();
        knownHosts.verdict = Verdict.KNOWN;
        knownHosts.verify(host, port, key);
        return knownHosts.verdict;
    }

    /** The key algorithms recorded for the host, so the handshake asks for a key we can verify. */
    synchronized List<String> algorithms(String host, int port) {
        return parsed().findExistingAlgorithms(host, port);
    }

    /** Appends the host's key, the way {@code ssh} with {@code StrictHostKeyChecking=accept-new} does. */
    synchronized void record(String host, int port, PublicKey key) {
        String line = entryName(host, port) + " " + KeyType.fromKey(key) + " "
                + java.util.Base64.getEncoder().encodeToString(new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key).getCompactData())
                + "\n";
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the host key in " + path + ": " + e.getMessage(), e);
        }
        parsed = null;
    }

    /** How OpenSSH names a host in known_hosts: {@code host}, or {@code [host]:port} off port 22. */
    static String entryName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private Recording parsed() {
        if (parsed == null) {
            try {
                parsed = new Recording(path);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
            }
        }
        return parsed;
    }

    /** SSHJ's parser, with its two refusal callbacks turned into a verdict. */
    private static final class Recording extends OpenSSHKnownHosts {
        private Verdict verdict;

        Recording(Path path) throws IOException {
            super(path.toFile());
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            verdict = Verdict.UNKNOWN;
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            verdict = Verdict.CHANGED;
            return false;
        }
    }
}

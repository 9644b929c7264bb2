package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file, read once per run and shared by every host that uses it. SSHJ's parser
 * handles hashed entries ({@code |1|...}) and {@code [host]:port}; this class only adds thread
 * safety, the verdict a message needs, and appending for {@code accept-new}.
 */
final class KnownHostsFile {

    enum Verdict { KNOWN, UNKNOWN, CHANGED }

    private static final Map<Path, Object> IN_THIS_JVM = new ConcurrentHashMap<>();

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

    /**
     * Appends the host's key, the way {@code ssh} with {@code StrictHostKeyChecking=accept-new} does,
     * unless another connection or another run recorded a key for it since this file was read: the
     * file is locked (within this JVM and against other processes) and read again first.
     *
     * @return the verdict under the lock: {@link Verdict#UNKNOWN} when this call recorded the key
     */
    Verdict recordIfUnknown(String host, int port, PublicKey key) {
        String line = entryName(host, port) + " " + KeyType.fromKey(key) + " "
                + Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData()) + "\n";
        // a FileLock is held per JVM, not per thread: threads (and runs) of this JVM take turns here first
        synchronized (IN_THIS_JVM.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new Object())) {
            try {
                createDirectoryOfOwnerOnly(path.getParent());
                try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock locked = file.lock()) {
                    synchronized (this) {
                        parsed = null;
                        Verdict now = check(host, port, key);
                        if (now == Verdict.UNKNOWN) {
                            // glued onto a last line without its newline, the entry would spoil that line too
                            String entry = endsInNewline(file) ? line : "\n" + line;
                            file.write(ByteBuffer.wrap(entry.getBytes(StandardCharsets.UTF_8)), file.size());
                            parsed = null;
                        }
                        return now;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not record the host key in " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean endsInNewline(FileChannel file) throws IOException {
        long size = file.size();
        if (size == 0) {
            return true;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        file.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** As {@code ssh} makes {@code ~/.ssh}: other users may not read which hosts one talks to. */
    private static void createDirectoryOfOwnerOnly(Path directory) throws IOException {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        if (directory.getParent() != null) {
            Files.createDirectories(directory.getParent());
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another run
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory);
        }
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

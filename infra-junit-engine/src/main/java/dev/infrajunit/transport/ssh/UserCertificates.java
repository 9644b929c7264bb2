package dev.infrajunit.transport.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenSSH user certificates ({@code *-cert.pub}: a public key signed by a CA the server trusts),
 * each file read once per run. A certificate is used only with the private key it certifies.
 */
final class UserCertificates {

    private final Map<Path, Optional<Certificate<?>>> read = new ConcurrentHashMap<>();

    /** The certificate in {@code file} when it certifies {@code key}; empty when it does not, or cannot be read. */
    Optional<PublicKey> certificateOf(Path file, PublicKey key) {
        return read.computeIfAbsent(file, UserCertificates::read)
                .filter(certificate -> certificate.getKey().equals(key))
                .map(certificate -> certificate);
    }

    private static Optional<Certificate<?>> read(Path file) {
        return PublicKeyFile.read(file).filter(key -> key instanceof Certificate<?>).map(key -> (Certificate<?>) key);
    }
}

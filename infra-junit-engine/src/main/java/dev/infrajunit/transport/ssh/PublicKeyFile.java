package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;

/** A public key in OpenSSH's one-line format ({@code type base64 comment}): a {@code .pub} file, or a user certificate. */
final class PublicKeyFile {

    private PublicKeyFile() {
    }

    /** The key in {@code file}; empty when there is no such file or it holds no key this client reads. */
    static Optional<PublicKey> read(Path file) {
        try {
            String[] fields = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
            if (fields.length < 2) {
                return Optional.empty();
            }
            return Optional.of(new Buffer.PlainBuffer(Base64.getDecoder().decode(fields[1])).readPublicKey());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package dev.infrajunit.transport.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key fingerprints as {@code ssh-keygen -l} prints them, so a user can compare them. */
final class Fingerprints {

    private Fingerprints() {
    }

    /** {@code SHA256:} and the unpadded base64 of the key blob's SHA-256. */
    static String sha256(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** For example {@code ssh-ed25519 key SHA256:...}. */
    static String describe(PublicKey key) {
        return KeyType.fromKey(key) + " key " + sha256(key);
    }
}

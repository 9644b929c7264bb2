package dev.infrajunit.embedded;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** The kinds of SSH key pair the test server and its clients use. */
public enum KeyKind {
    ED25519("id_ed25519", KeyPairProvider.SSH_ED25519, 256),
    RSA("id_rsa", KeyPairProvider.SSH_RSA, 2048),
    ECDSA("id_ecdsa", KeyPairProvider.ECDSA_SHA2_NISTP256, 256);

    private final String defaultFileName;
    private final String sshKeyType;
    private final int bits;

    KeyKind(String defaultFileName, String sshKeyType, int bits) {
        this.defaultFileName = defaultFileName;
        this.sshKeyType = sshKeyType;
        this.bits = bits;
    }

    /** The file name {@code ssh-keygen} would choose, such as {@code id_ed25519}. */
    public String defaultFileName() {
        return defaultFileName;
    }

    /** A fresh key pair of this kind. */
    public KeyPair generate() {
        try {
            // Through MINA, so ed25519 keys come from the provider MINA can also encode them with.
            return KeyUtils.generateKeyPair(sshKeyType, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate " + this + " keys", e);
        }
    }
}

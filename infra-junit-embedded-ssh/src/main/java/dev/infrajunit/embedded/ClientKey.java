package dev.infrajunit.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Set;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A client key pair written the way {@code ssh-keygen} writes it: an OpenSSH private key file
 * (mode 600, optionally encrypted with a passphrase) and a {@code .pub} file next to it.
 *
 * @param privateKeyFile the private key, in the {@code -----BEGIN OPENSSH PRIVATE KEY-----} format
 * @param publicKeyFile  {@code privateKeyFile} + {@code .pub}, one authorized_keys line
 * @param publicKey      the public half, to authorize on an {@link EmbeddedSshServer}
 */
public record ClientKey(Path privateKeyFile, Path publicKeyFile, PublicKey publicKey) {

    /** Generates an unencrypted key pair as {@code directory/<kind's default name>}. */
    public static ClientKey generate(Path directory, KeyKind kind) {
        return generate(directory, kind.defaultFileName(), kind, null);
    }

    /**
     * Generates a key pair as {@code directory/fileName}, encrypted with {@code passphrase}
     * (AES-256-CTR with bcrypt, as {@code ssh-keygen} does) unless it is null.
     */
    public static ClientKey generate(Path directory, String fileName, KeyKind kind, String passphrase) {
        KeyPair pair = kind.generate();
        Path privateFile = directory.resolve(fileName);
        Path publicFile = directory.resolve(fileName + ".pub");
        String comment = "infra-junit-test-" + kind.name().toLowerCase();
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(privateFile);
            // Created with mode 600 from the start: OpenSSH clients refuse keys others can read.
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(Set.of(
                    PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE)));
            try (OutputStream out = Files.newOutputStream(privateFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, encryption(passphrase), out);
            }
            Files.writeString(publicFile, PublicKeyEntry.toString(pair.getPublic()) + " " + comment + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the key pair " + privateFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encode the " + kind + " key pair " + privateFile, e);
        }
        return new ClientKey(privateFile, publicFile, pair.getPublic());
    }

    /** The line to put in an authorized_keys file: {@code keytype base64}. */
    public String authorizedKeysLine() {
        return PublicKeyEntry.toString(publicKey);
    }

    private static OpenSSHKeyEncryptionContext encryption(String passphrase) {
        if (passphrase == null) {
            return null;
        }
        OpenSSHKeyEncryptionContext context = new OpenSSHKeyEncryptionContext();
        context.setCipherName("AES");
        context.setCipherType("256");
        context.setCipherMode("CTR");
        context.setPassword(passphrase);
        return context;
    }
}

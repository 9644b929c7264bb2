package dev.infrajunit.transport.ssh;

import com.hierynomus.sshj.common.KeyDecryptionFailedException;
import dev.infrajunit.environment.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Private keys read from identity files, each decoded (and decrypted) once per run: an encrypted
 * key costs a bcrypt derivation, which must not be paid once per host. Failures are remembered
 * too. Neither passphrases nor key material ever reach a message.
 */
final class IdentityKeys {

    /** A decoded key, or why the file cannot be used. */
    record Loaded(Optional<KeyPairWrapper> key, String problem) {
    }

    private final Config config;
    private final Function<String, String> environment;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    IdentityKeys(Config config, Function<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    Loaded load(Path file, Optional<String> passphraseEnv) {
        return loaded.computeIfAbsent(file + "\0" + passphraseEnv.orElse(""), k -> decode(file, passphraseEnv));
    }

    private Loaded decode(Path file, Optional<String> passphraseEnv) {
        if (!Files.isRegularFile(file)) {
            return problem("identity file " + file + " does not exist");
        }
        AtomicBoolean askedForPassphrase = new AtomicBoolean();
        Optional<String> passphrase = passphraseEnv.map(environment);
        passphrase.ifPresent(Secrets::remember);
        PasswordFinder finder = new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                askedForPassphrase.set(true);
                // SSHJ fails with a NullPointerException on a null answer: stop it cleanly instead
                return passphrase.map(String::toCharArray).orElseThrow(NoPassphrase::new);
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
        try {
            KeyFormat format = KeyProviderUtil.detectKeyFileFormat(file.toFile());
            FileKeyProvider provider = Factory.Named.Util.create(config.getFileKeyProviderFactories(), format.toString());
            if (provider == null) {
                return problem("identity file " + file + " is not a private key in a format SSH clients read (found " + format + ")");
            }
            provider.init(file.toFile(), finder);
            return new Loaded(Optional.of(new KeyPairWrapper(new KeyPair(provider.getPublic(), provider.getPrivate()))), "");
        } catch (KeyDecryptionFailedException | NoPassphrase e) {
            return askedForPassphrase.get() ? encryptedProblem(file, passphraseEnv, passphrase) : unreadable(file, e);
        } catch (IOException e) {
            return askedForPassphrase.get() ? encryptedProblem(file, passphraseEnv, passphrase) : unreadable(file, e);
        }
    }

    /** Thrown from the password finder when there is no passphrase to give. */
    private static final class NoPassphrase extends RuntimeException {
        NoPassphrase() {
            super(null, null, false, false);
        }
    }

    private static Loaded encryptedProblem(Path file, Optional<String> passphraseEnv, Optional<String> passphrase) {
        if (passphraseEnv.isEmpty()) {
            return problem("identity file " + file + " is encrypted: set ssh.passphraseEnv to the name of an environment"
                    + " variable that holds its passphrase, or load the key into ssh-agent");
        }
        if (passphrase.isEmpty()) {
            return problem("identity file " + file + " is encrypted, but the environment variable " + passphraseEnv.get()
                    + " named by ssh.passphraseEnv is not set");
        }
        return problem("identity file " + file + " could not be decrypted with the passphrase in the environment variable "
                + passphraseEnv.get() + " (ssh.passphraseEnv): is it the right passphrase for this key?");
    }

    private static Loaded unreadable(Path file, Exception e) {
        return problem("identity file " + file + " could not be read as a private key (" + e.getClass().getSimpleName() + ")");
    }

    private static Loaded problem(String problem) {
        return new Loaded(Optional.empty(), problem);
    }
}

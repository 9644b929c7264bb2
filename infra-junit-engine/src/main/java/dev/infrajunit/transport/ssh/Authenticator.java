package dev.infrajunit.transport.ssh;

import dev.infrajunit.CouldNotCheckException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Logs in with public keys, in this order: the environment's identity files, then those of
 * {@code ~/.ssh/config} (or the default {@code ~/.ssh/id_*}), each after its user certificates,
 * then the ssh-agent's keys (under {@code IdentitiesOnly}, only those of the identity files). Remembers what it offered, so a refusal can say which user and which
 * keys were tried.
 */
final class Authenticator {

    private final IdentityKeys keys;
    private final SshAgent agent;
    private final UserCertificates certificates = new UserCertificates();

    Authenticator(IdentityKeys keys, SshAgent agent) {
        this.keys = keys;
        this.agent = agent;
    }

    void authenticate(SSHClient client, SshTarget target) throws TransportException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        List<PublicKey> fileKeys = new ArrayList<>();
        SshAgent.Keys agentKeys = agent.keys(target.connectTimeout());
        for (Path file : target.identityFiles()) {
            IdentityKeys.Loaded loaded = keys.load(file, target.passphraseEnv());
            if (loaded.key().isPresent()) {
                offer(target, file, loaded.key().get(), methods, tried);
                fileKeys.add(loaded.key().get().getPublic());
            } else if (!throughAgent(target, file, agentKeys, fileKeys, methods, tried)) {
                throw new CouldNotCheckException(target.hostName(), loaded.problem() + " (ssh.identityFile, for "
                        + target.endpoint() + ")");
            }
        }
        for (Path file : target.optionalIdentityFiles()) {
            if (Files.isRegularFile(file)) {
                IdentityKeys.Loaded loaded = keys.load(file, target.passphraseEnv());
                if (loaded.key().isPresent()) {
                    offer(target, file, loaded.key().get(), methods, tried);
                    fileKeys.add(loaded.key().get().getPublic());
                } else if (!throughAgent(target, file, agentKeys, fileKeys, methods, tried)) {
                    tried.add(file + " (not usable: " + loaded.problem() + ")");
                }
            }
        }
        // IdentitiesOnly: of the agent's keys, only those of the identity and certificate files, as ssh does
        methods.addAll(target.identitiesOnly() ? agentKeys.methods(configured(target, fileKeys)) : agentKeys.methods());
        if (methods.isEmpty()) {
            boolean agentKeysLeftOut = target.identitiesOnly() && !agentKeys.methods().isEmpty();
            throw new CouldNotCheckException(target.hostName(), "no key to log in as '" + target.user() + "' at "
                    + target.socketAddress() + ": no usable identity file and "
                    + (agentKeysLeftOut ? "IdentitiesOnly yes leaves out the ssh-agent's keys, which are none of theirs"
                            : "no key in an ssh-agent")
                    + " (tried: " + tried(tried, agentKeys) + "). Set ssh.identityFile to a private key the host accepts");
        }
        try {
            client.auth(target.user(), methods);
        } catch (UserAuthException e) {
            throw new CouldNotCheckException(target.hostName(), "authentication refused for user '" + target.user() + "' at "
                    + target.socketAddress() + "; tried public keys: " + tried(tried, agentKeys)
                    + "; the server accepts: " + accepted(client) + ". "
                    + (agentKeys.skipped()
                            // its keys were never offered: the key the host wants may well be among them
                            ? "Unlock or answer the ssh-agent and run again, or set ssh.identityFile to a key file the host"
                                    + " accepts"
                            : "Add one of these public keys to ~" + target.user()
                                    + "/.ssh/authorized_keys on the host, or set ssh.user / ssh.identityFile"));
        }
    }

    /** The identity files' keys, and the certificates {@code CertificateFile} names or that lie beside an identity file. */
    private static List<PublicKey> configured(SshTarget target, List<PublicKey> fileKeys) {
        List<PublicKey> keys = new ArrayList<>(fileKeys);
        List<Path> certificates = new ArrayList<>(target.certificateFiles());
        for (Path file : target.identityFiles()) {
            certificates.add(Path.of(file + "-cert.pub"));
        }
        for (Path file : target.optionalIdentityFiles()) {
            certificates.add(Path.of(file + "-cert.pub"));
        }
        certificates.forEach(file -> PublicKeyFile.read(file).ifPresent(keys::add));
        return keys;
    }

    /**
     * An identity file whose private key cannot be read here (encrypted, with no passphrase given)
     * still names its key through its {@code .pub} file; as with ssh, the agent signs with that key
     * when it holds it, also for each user certificate of the key.
     *
     * @return whether the agent holds the file's key
     */
    private boolean throughAgent(SshTarget target, Path file, SshAgent.Keys agentKeys, List<PublicKey> fileKeys,
                                 List<AuthMethod> methods, List<String> tried) {
        Optional<PublicKey> key = PublicKeyFile.read(Path.of(file + ".pub"));
        if (key.isEmpty() || agentKeys.methods(List.of(key.get())).isEmpty()) {
            return false;
        }
        fileKeys.add(key.get());
        for (Path certificateFile : certificateFiles(target, file)) {
            Optional<PublicKey> certificate = certificates.certificateOf(certificateFile, key.get());
            if (certificate.isPresent()) {
                methods.add(agentKeys.certifying(certificate.get(), key.get()));
                tried.add(file + " with certificate " + certificateFile + " (its key in the ssh-agent)");
            }
        }
        tried.add(file + " (its key in the ssh-agent)");
        return true;
    }

    /** Offers a key, preceded by each user certificate of it. */
    private void offer(SshTarget target, Path file, KeyPairWrapper key, List<AuthMethod> methods, List<String> tried) {
        for (Path certificateFile : certificateFiles(target, file)) {
            Optional<PublicKey> certificate = certificates.certificateOf(certificateFile, key.getPublic());
            if (certificate.isPresent()) {
                methods.add(new AuthPublickey(new KeyPairWrapper(new KeyPair(certificate.get(), key.getPrivate()))));
                tried.add(file + " with certificate " + certificateFile);
            }
        }
        methods.add(new AuthPublickey(key));
        tried.add(file + " (" + key.getType() + ")");
    }

    /**
     * The user certificates that may be of an identity file's key: those {@code CertificateFile}
     * names and the {@code <identity file>-cert.pub} beside it, as ssh finds them.
     */
    private static List<Path> certificateFiles(SshTarget target, Path identityFile) {
        List<Path> candidates = new ArrayList<>(target.certificateFiles());
        Path beside = Path.of(identityFile + "-cert.pub");
        if (!candidates.contains(beside) && Files.isRegularFile(beside)) {
            candidates.add(beside);
        }
        return candidates;
    }

    /** The agent is described last, once the login is over: it may have been skipped during it. */
    private static String tried(List<String> files, SshAgent.Keys agentKeys) {
        List<String> all = new ArrayList<>(files);
        all.add(agentKeys.description());
        return String.join(", ", all);
    }

    private static String accepted(SSHClient client) {
        Collection<String> allowed = client.getUserAuth().getAllowedMethods();
        return allowed == null || allowed.isEmpty() ? "(not said)" : String.join(", ", allowed);
    }
}

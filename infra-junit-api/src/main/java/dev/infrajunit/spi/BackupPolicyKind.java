package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One kind of backup policy as an environment file writes it under {@code backup:}, such as
 * {@code files} or {@code s3}: its key and the keys its policies take, so that the engine checks
 * them where they are written. Found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.infrajunit.spi.BackupPolicyKind}); the assertions check policies of
 * the kinds whose class is also a {@code dev.infrajunit.backup.BackupStore}.
 */
@API(status = EXPERIMENTAL)
public interface BackupPolicyKind {

    /** The key that names the kind in a policy: {@code files}, {@code s3}. */
    String key();

    /**
     * The keys a policy of this kind takes: the kind's own key first, then its options. Every
     * policy also takes {@code maxAge} and {@code minSize}.
     */
    Keys keys();
}

package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.infrajunit.Host;
import dev.infrajunit.spi.BackupPolicyKind;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One kind of backup policy: where its backups are kept, which keys its policies take, and how the
 * newest backup is found. Found with {@link java.util.ServiceLoader} as a {@link BackupPolicyKind}
 * (register the class in {@code META-INF/services/dev.infrajunit.spi.BackupPolicyKind}), so that the
 * engine checks its keys where the environment file writes them; {@code files} and {@code job} are
 * built in, the AWS kinds come with infra-junit-aws.
 */
@API(status = EXPERIMENTAL)
public interface BackupStore extends BackupPolicyKind {

    /** The kind, whose key names it in a policy. */
    BackupKind kind();

    @Override
    default String key() {
        return kind().key();
    }

    /** Whether the store reports backup sizes, so that {@code minSize} applies. */
    default boolean reportsSize() {
        return false;
    }

    /**
     * Checks the value of the kind's key, as written: a text, a number, a boolean, or a map such
     * as {@code { timer: pg-backup.timer }}. An empty text never reaches here.
     *
     * @return the value as the policy keeps it, as text
     * @throws IllegalArgumentException saying what the value must be, e.g.
     *         {@code s3 must be a URL like s3://bucket/prefix/, but is 'acme'}
     */
    default String target(Object value) {
        return String.valueOf(value).trim();
    }

    /**
     * What keeps the policy from holding on the host; empty when it holds. Each problem is a
     * sentence that starts with {@code expected}, without the host name.
     *
     * @throws dev.infrajunit.CouldNotCheckException when the backups could not be looked at
     */
    List<String> problems(Host host, BackupPolicy policy, BackupExpectation expectation);
}

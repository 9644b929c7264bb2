package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The newest backup a policy found.
 *
 * @param name what messages call it: a file name, an object key, a snapshot or recovery point id
 * @param time when it was written (mtime, LastModified, StartTime, CreationDate)
 * @param size its size in bytes, when the store reports one
 */
@API(status = EXPERIMENTAL)
public record FoundBackup(String name, Instant time, OptionalLong size) {
}

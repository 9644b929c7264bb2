package dev.infrajunit.backup;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The newest backup a policy found.
 *
 * @param name what messages call it: a file name, an object key, a snapshot or recovery point id
 * @param time when it was written (mtime, LastModified, StartTime, CreationDate)
 * @param size its size in bytes, when the store reports one
 */
record FoundBackup(String name, Instant time, OptionalLong size) {
}

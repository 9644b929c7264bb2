package dev.infrajunit.backup;

import java.util.List;

/** Finds the newest backups of one kind for one host and says what is wrong with them. */
interface BackupSource {

    /**
     * What keeps the policy from holding; empty when it holds. Each problem is a sentence that
     * starts with {@code expected}, without the host name.
     *
     * @throws dev.infrajunit.CouldNotCheckException when the backups could not be looked at
     */
    List<String> problems(BackupPolicy policy, BackupExpectation expectation);
}

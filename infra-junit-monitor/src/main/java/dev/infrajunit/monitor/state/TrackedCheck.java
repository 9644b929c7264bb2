package dev.infrajunit.monitor.state;

import dev.infrajunit.monitor.run.BackupAge;
import java.util.List;
import java.util.Set;

/**
 * A check's state together with what the last cycle said about it besides its result.
 *
 * @param state      where the check stands
 * @param tags       its tags, for alert labels
 * @param backupAges the newest backup's age per backup policy, when the check looked at backups
 */
public record TrackedCheck(CheckState state, Set<String> tags, List<BackupAge> backupAges) {

    public TrackedCheck {
        tags = Set.copyOf(tags);
        backupAges = List.copyOf(backupAges);
    }
}

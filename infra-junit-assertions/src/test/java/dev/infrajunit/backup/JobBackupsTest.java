package dev.infrajunit.backup;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static dev.infrajunit.testing.TestEnvironments.environment;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import dev.infrajunit.environment.EnvironmentException;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.assertions.testing.StandInSystemd;
import dev.infrajunit.runtime.RunEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job} policies: the backup timer fired within the policy's age, on the host's clock, and its
 * last run succeeded. systemd answers through a stand-in systemctl ({@link StandInSystemd}).
 */
class JobBackupsTest {

    private static final long NOW = 1_764_644_400L; // 2025-12-02T03:00:00Z, the host's clock
    private static final String SOURCE = " (systemctl show pg-backup.timer; systemctl show pg-backup.service)";

    @TempDir
    Path temp;
    private RunEnvironment environment;

    @AfterEach
    void close() {
        if (environment != null) {
            environment.close();
        }
    }

    private Host db(Object job, String activeState, long lastTrigger, String result, String status) {
        environment = environment(localHost("db-1", List.of("database"),
                Map.of("backup", Map.of("job", job, "maxAge", "24h"))));
        return StandInSystemd.backupTimer(environment.host("db-1"), temp.resolve("tools"), NOW, activeState, lastTrigger,
                result, status, lastTrigger == 0 ? 0 : lastTrigger + 120);
    }

    @Test
    void aTimerThatSucceededWithinTheAgeHolds() {
        Host db = db(Map.of("timer", "pg-backup.timer"), "active", NOW - 3 * 3600, "success", "0");
        assertThatCode(() -> assertThat(db).hasRecentBackup().hasRecentBackup(BackupKind.JOB)).doesNotThrowAnyException();
    }

    @Test
    void theTimerMayBeNamedWithoutItsSuffix() {
        Host db = db(Map.of("timer", "pg-backup"), "active", NOW - 3 * 3600, "success", "0");
        assertThatCode(() -> assertThat(db).hasRecentBackup()).doesNotThrowAnyException();
    }

    @Test
    void aTimerThatLastRanTooLongAgo() {
        Host db = db(Map.of("timer", "pg-backup.timer"), "active", NOW - 51 * 3600, "success", "0");
        assertThatThrownBy(() -> assertThat(db).hasRecentBackup())
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-1: expected the backup job, timer pg-backup.timer, to have succeeded within 24h, but it"
                        + " last ran 2d 3h ago, at 2025-11-30T00:00:00Z" + SOURCE);
    }

    @Test
    void aTimerWhoseLastRunFailed() {
        Host db = db(Map.of("timer", "pg-backup.timer"), "active", NOW - 3600, "exit-code", "2");
        assertThatThrownBy(() -> assertThat(db).hasRecentBackup())
                .hasMessage("db-1: expected the backup job, timer pg-backup.timer, to have succeeded within 24h, but its"
                        + " last run, of pg-backup.service at 2025-12-02T02:00:00Z, ended with Result=exit-code,"
                        + " exit status 2" + SOURCE);
    }

    @Test
    void aTimerThatNeverRan() {
        Host db = db(Map.of("timer", "pg-backup.timer"), "active", 0, "success", "0");
        assertThatThrownBy(() -> assertThat(db).hasRecentBackup())
                .hasMessage("db-1: expected the backup job, timer pg-backup.timer, to have succeeded within 24h, but it"
                        + " has never run" + SOURCE);
    }

    @Test
    void aJobThatNamesNoTimer() {
        Host db = db("pg-backup.timer", "active", NOW, "success", "0");
        assertThatThrownBy(() -> assertThat(db).hasRecentBackup())
                .isInstanceOf(InfraException.class)
                .hasMessage("db-1: backup: job must name the systemd timer that makes the backups, e.g. job:"
                        + " { timer: pg-backup.timer }, but is the string 'pg-backup.timer'");
    }

    @Test
    void aCronJobCannotBeHeldToAnAgeAndTheFileSaysWhy() {
        String yaml = """
                hosts:
                  db-1:
                    transport: local
                    backup: { job: { cron: pg-backup }, maxAge: 25h }
                """;
        assertThatThrownBy(() -> new EnvironmentLoader(getClass().getClassLoader(), name -> null)
                .parse(yaml, "staging", Optional.of(Path.of("staging.yaml"))))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("staging.yaml:4: hosts.db-1.backup.job.cron: cron records no result of a job: at most it logs"
                        + " through syslog that it started one, and mails what the job printed, so whether the backup job"
                        + " succeeded, and when it last did, cannot be read from it. Hold what the job leaves behind instead:"
                        + " its newest dump, with files: (and verify: to test that it restores), or a file the job touches"
                        + " only when it succeeds (pg-backup && touch /var/lib/pg-backup/succeeded), with files: and maxAge;"
                        + " or run the job from a systemd timer and use job: { timer: pg-backup.timer }. cronJob(\"pg-backup\")"
                        + " checks that the cron entry is scheduled");
    }
}

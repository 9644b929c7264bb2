package dev.infrajunit.backup;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static dev.infrajunit.testing.TestEnvironments.environment;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.runtime.RunEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup assertions as a spec writes them: {@code assertThat(host).hasRecentBackup(...)}. */
class HostAssertBackupTest {

    @TempDir
    Path temp;
    private RunEnvironment environment;
    private Host db2;

    @BeforeEach
    void host() throws IOException {
        Path pg = Files.createDirectories(temp.resolve("pg"));
        Path etc = Files.createDirectories(temp.resolve("etc"));
        Files.writeString(pg.resolve("db-2.dump"), "x".repeat(2048));
        // A little over 30h old, so the message reads "1d 6h" for as long as the test may take.
        Files.setLastModifiedTime(pg.resolve("db-2.dump"), FileTime.from(Instant.now().minus(Duration.ofHours(30).plusSeconds(30))));
        Files.writeString(etc.resolve("etc.tar"), "y");
        environment = environment(localHost("db-2", List.of("database"), Map.of("backup", List.of(
                Map.of("files", pg + "/*.dump", "maxAge", "36h"),
                Map.of("files", etc + "/*.tar", "maxAge", "1h")))));
        db2 = environment.host("db-2");
    }

    @AfterEach
    void close() {
        environment.close();
    }

    @Test
    void everyPolicyWithItsOwnMaxAge() {
        assertThat(db2).hasRecentBackup();
    }

    @Test
    void everyPolicyHeldToTheGivenMaxAge() {
        assertThatThrownBy(() -> assertThat(db2).hasRecentBackup(Duration.ofHours(24)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-2: expected a backup younger than 24h, but the newest of " + temp + "/pg/*.dump is db-2.dump,"
                        + " 1d 6h old (2 KB)");
    }

    @Test
    void theFailuresStackTraceStartsAtTheCheckThatAsserted() {
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertThat(db2).hasRecentBackup(Duration.ofHours(24)));

        // what a report shows first is the spec's line, not the assertion's internals
        StackTraceElement top = failure.getStackTrace()[0];
        org.assertj.core.api.Assertions.assertThat(top.getClassName()).startsWith(HostAssertBackupTest.class.getName());
        org.assertj.core.api.Assertions.assertThat(top.getMethodName()).contains("theFailuresStackTraceStartsAtTheCheckThatAsserted");
    }

    @Test
    void oneKindOnly() {
        assertThat(db2).hasRecentBackup(BackupKind.FILES).hasRecentBackup(BackupKind.FILES, Duration.ofHours(31));
        assertThatThrownBy(() -> assertThat(db2).hasRecentBackup(BackupKind.RDS))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("db-2: expected a recent rds backup, but db-2 has no rds backup policy (it has: files ");
    }

    @Test
    void aDescriptionPrefixesTheMessageAsInAssertJ() {
        assertThatThrownBy(() -> assertThat(db2).as("nightly dumps").hasRecentBackup(Duration.ofHours(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[nightly dumps] db-2: expected a backup younger than 2h, but the newest of ");
    }
}

package dev.infrajunit.backup;

import static dev.infrajunit.testing.TestEnvironments.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import dev.infrajunit.assertions.testing.FixedClockHost;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.runtime.RunEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code files} policies against a real host, whose transport the subclass chooses: every
 * command goes through a real shell, locally or over SSH, on files in a temporary directory. The
 * host's clock reads {@link #NOW}, as does the test machine's unless a test says otherwise.
 */
abstract class FileBackupsContract {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path temp;
    /** Where the host's commands run: relative paths and stray files would land here. */
    Path workingDirectory;
    private Path pg;
    private RunEnvironment environment;

    /** A host of that name with these properties, reached the way this contract is run. */
    abstract HostDefinition host(String name, Map<String, Object> properties) throws Exception;

    /** Whether the host's commands run as root, who reads every directory. */
    boolean loginUserIsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @BeforeEach
    void backupDirectory() throws IOException {
        pg = Files.createDirectories(temp.resolve("backups/pg"));
        workingDirectory = Files.createDirectories(temp.resolve("home"));
    }

    @AfterEach
    void close() {
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void aFreshBackupHolds() throws IOException {
        file(pg.resolve("db-2-2026-11-29.dump"), 2048, Duration.ofHours(3));

        assertThat(check(Map.of("files", pg + "/db-2-*.dump", "maxAge", "24h"))).isEmpty();
    }

    @Test
    void aStaleBackupFailsNamingTheNewestFileItsAgeAndSize() throws IOException {
        file(pg.resolve("db-2-2026-11-26.dump"), 1000, Duration.ofDays(3));
        file(pg.resolve("db-2-2026-11-27.dump"), 1_200_000_000L, Duration.ofDays(2).plusHours(3));
        // Last in name order, but older: the newest is chosen by modification time.
        file(pg.resolve("db-2-zz-manual.dump"), 1000, Duration.ofDays(5));

        assertThat(check(Map.of("files", pg + "/db-2-*.dump", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but the newest of " + pg
                        + "/db-2-*.dump is db-2-2026-11-27.dump, 2d 3h old (1.2 GB)");
    }

    @Test
    void noMatchFailsNamingTheGlob() throws IOException {
        file(pg.resolve("other-host.dump"), 10, Duration.ofHours(1));

        assertThat(check(Map.of("files", pg + "/db-2-*.dump", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but nothing matches " + pg + "/db-2-*.dump");
    }

    @Test
    void aMissingDirectoryIsSaidSo() {
        assertThat(check(Map.of("files", temp + "/nowhere/pg/*.dump", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but nothing matches " + temp + "/nowhere/pg/*.dump: "
                        + temp + "/nowhere/pg does not exist");
    }

    @Test
    void aTooSmallBackupFails() throws IOException {
        file(pg.resolve("db-2-2026-11-29.dump"), 512, Duration.ofHours(3));

        assertThat(check(Map.of("files", pg + "/db-2-*.dump", "maxAge", "24h", "minSize", "1MB"))).contains(
                "db-2: expected a backup of at least 1 MB, but the newest of " + pg
                        + "/db-2-*.dump is db-2-2026-11-29.dump, only 512 B (3h old)");
    }

    @Test
    void verifyRunsOnTheNewestFileAndItsFailureFailsTheCheckWithItsStderr() throws IOException {
        Path good = gzip(pg.resolve("db-2-2026-11-28.dump.gz"), Duration.ofHours(30));
        Path truncated = pg.resolve("db-2-2026-11-29.dump.gz");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(good), 20));
        touch(truncated, Duration.ofHours(3));
        Map<String, Object> policy = Map.of("files", pg + "/db-2-*.dump.gz", "maxAge", "24h", "verify", "gzip -t {0}");

        assertThat(check(policy)).contains("db-2: expected the newest of " + pg + "/db-2-*.dump.gz to pass `gzip -t {0}`,"
                + " but `gzip -t " + truncated + "` exited with 1: gzip: " + truncated + ": unexpected end of file");

        Files.delete(truncated);
        assertThat(check(Map.of("files", pg + "/db-2-*.dump.gz", "maxAge", "48h", "verify", "gzip -t {0}"))).isEmpty();
    }

    @Test
    void verifyGetsTheFilePathQuoted() throws IOException {
        Path hostile = pg.resolve("db-2 $(touch pwned) 'x';.dump");
        file(hostile, 10, Duration.ofHours(1));
        Path log = temp.resolve("verified");
        String verify = "sh -c 'printf %s \"$1\" > " + log + "' verify {0}";

        assertThat(check(Map.of("files", pg + "/db-2*.dump", "maxAge", "24h", "verify", verify))).isEmpty();
        assertThat(Files.readString(log)).isEqualTo(hostile.toString());
        assertThat(pg.resolve("pwned")).doesNotExist();
        assertThat(workingDirectory.resolve("pwned")).doesNotExist();
    }

    @Test
    void aVerifyCommandMissingOnTheHostCouldNotBeChecked() throws IOException {
        file(pg.resolve("db-2.dump"), 10, Duration.ofHours(1));

        assertThatThrownBy(() -> check(Map.of("files", pg + "/db-2.dump", "maxAge", "24h", "verify", "no-such-verifier {0}")))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("db-2: the verify command of backup policy files " + pg + "/db-2.dump was not found on the host: ")
                // what the host's shell said, which names itself as it was started: sh or /bin/sh
                .hasMessageEndingWith("sh: 1: no-such-verifier: not found");
    }

    @Test
    void everyPolicyMustHold() throws IOException {
        Path etc = Files.createDirectories(temp.resolve("backups/etc"));
        file(pg.resolve("db-2.dump"), 10, Duration.ofHours(1));
        file(etc.resolve("etc.tar"), 10, Duration.ofHours(50));
        List<Object> policies = List.of(
                Map.of("files", pg + "/*.dump", "maxAge", "24h"),
                Map.of("files", etc + "/*.tar", "maxAge", "48h"),
                Map.of("files", temp + "/backups/mysql/*.sql", "maxAge", "24h"));

        assertThat(check(policies)).contains("db-2: 2 backup problems:\n"
                + "- expected a backup younger than 48h, but the newest of " + etc + "/*.tar is etc.tar, 2d 2h old (10 B)\n"
                + "- expected a backup younger than 24h, but nothing matches " + temp + "/backups/mysql/*.sql: "
                + temp + "/backups/mysql does not exist");

        assertThat(check(policies.subList(0, 2))).contains("db-2: expected a backup younger than 48h, but the newest of "
                + etc + "/*.tar is etc.tar, 2d 2h old (10 B)");
        assertThat(check(policies.subList(0, 1))).isEmpty();
    }

    @Test
    void aGivenMaxAgeReplacesThePolicies() throws IOException {
        file(pg.resolve("db-2.dump"), 10, Duration.ofHours(30));
        Host host = host(Map.of("files", pg + "/*.dump", "maxAge", "48h"));

        assertThat(BackupCheck.of(host).clock(CLOCK).failure()).isEmpty();
        assertThat(BackupCheck.of(host).clock(CLOCK).maxAge(Duration.ofHours(26)).failure()).contains(
                "db-2: expected a backup younger than 26h, but the newest of " + pg + "/*.dump is db-2.dump, 1d 6h old (10 B)");
    }

    @Test
    void agesAreMeasuredOnTheHostsClockNotTheTestMachines() throws IOException {
        file(pg.resolve("db-2.dump"), 10, Duration.ofHours(30));
        Host host = host(Map.of("files", pg + "/*.dump", "maxAge", "24h"));
        Clock aDayBehindTheHost = Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC);

        assertThat(BackupCheck.of(host).clock(aDayBehindTheHost).failure()).contains(
                "db-2: expected a backup younger than 24h, but the newest of " + pg + "/*.dump is db-2.dump, 1d 6h old (10 B)");

        file(pg.resolve("db-2.dump"), 10, Duration.ofHours(3));
        Clock twoDaysAheadOfTheHost = Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        assertThat(BackupCheck.of(host).clock(twoDaysAheadOfTheHost).failure()).isEmpty();
    }

    @Test
    void aHostWhoseDateCannotTellTheTimeIsMeasuredOnTheGivenClock() throws IOException {
        file(pg.resolve("db-2.dump"), 10, Duration.ofHours(30));
        Host withoutDate = new RestrictedPathHost(host(Map.of("files", pg + "/*.dump", "maxAge", "24h")),
                temp.resolve("no-date"), "stat");

        assertThat(BackupCheck.of(withoutDate).clock(CLOCK).failure()).contains(
                "db-2: expected a backup younger than 24h, but the newest of " + pg + "/*.dump is db-2.dump, 1d 6h old (10 B)");
    }

    @Test
    void theGlobIsThePatternAndNothingElseTheShellCouldExpand() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("my dir $(touch pwned) `touch pwned2` 'q' \"d\" {0} $HOME ;"));
        file(dir.resolve("db-1.dump"), 10, Duration.ofHours(5));
        file(dir.resolve("db-2.dump"), 10, Duration.ofHours(2));
        file(dir.resolve("db-3.dump"), 10, Duration.ofHours(9));
        file(dir.resolve("db-x.dump"), 10, Duration.ofMinutes(90));
        file(dir.resolve("db-4.dump\nsecond line"), 10, Duration.ofHours(4));

        assertThat(check(Map.of("files", dir + "/db-[0-9].dump", "maxAge", "1h"))).contains(
                "db-2: expected a backup younger than 1h, but the newest of " + dir + "/db-[0-9].dump is db-2.dump, 2h old (10 B)");
        assertThat(check(Map.of("files", dir + "/db-?.dump*", "maxAge", "1h"))).contains(
                "db-2: expected a backup younger than 1h, but the newest of " + dir + "/db-?.dump* is db-x.dump, 1h 30m old (10 B)");
        assertThat(check(Map.of("files", dir + "/db-[!x0-2].dump*", "maxAge", "1h"))).contains(
                "db-2: expected a backup younger than 1h, but the newest of " + dir + "/db-[!x0-2].dump* is db-4.dump\nsecond line, 4h old (10 B)");
        assertThat(temp.resolve("pwned")).doesNotExist();
        assertThat(temp.resolve("pwned2")).doesNotExist();
        assertThat(workingDirectory.resolve("pwned")).doesNotExist();
        assertThat(workingDirectory.resolve("pwned2")).doesNotExist();
    }

    @Test
    void aGlobOverSeveralDirectoriesNamesTheMatchBelowItsFixedPart() throws IOException {
        Path mysql = Files.createDirectories(temp.resolve("backups/mysql"));
        file(pg.resolve("full.dump"), 10, Duration.ofHours(40));
        file(mysql.resolve("full.dump"), 10, Duration.ofHours(30));

        assertThat(check(Map.of("files", temp + "/backups/*/full.dump", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but the newest of " + temp + "/backups/*/full.dump is mysql/full.dump, 1d 6h old (10 B)");
    }

    @Test
    void aBracketExpressionThatCouldHideShellSyntaxIsRefused() {
        assertThatThrownBy(() -> check(Map.of("files", pg + "/db-[$(reboot)].dump", "maxAge", "24h")))
                .isInstanceOf(InfraException.class)
                .hasMessage("db-2: backup policy files " + pg + "/db-[$(reboot)].dump: the bracket expression [$(reboot)] in "
                        + pg + "/db-[$(reboot)].dump may hold only letters, digits, '.', '_', '-' and a leading '!'");
    }

    @Test
    void aDirectoryTheLoginUserCannotReadCouldNotBeChecked() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(loginUserIsRoot(), "root reads every directory");
        Path closed = Files.createDirectories(temp.resolve("closed"));
        file(closed.resolve("db-2.dump"), 10, Duration.ofHours(1));
        closed.toFile().setReadable(false, false);
        try {
            assertThatThrownBy(() -> check(Map.of("files", closed + "/*.dump", "maxAge", "24h")))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("db-2: could not look for backups matching " + closed + "/*.dump: " + closed
                            + " is not readable by the login user; add privileged: true to the policy to read it with sudo -n"
                            + " (the host needs sudo: true)");
        } finally {
            closed.toFile().setReadable(true, false);
        }
    }

    private java.util.Optional<String> check(Object policy) {
        return BackupCheck.of(host(policy)).clock(CLOCK).failure();
    }

    private Host host(Object policy) {
        if (environment != null) {
            environment.close();
        }
        try {
            environment = environment(host("db-2", Map.of("backup", policy)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new FixedClockHost(environment.host("db-2"), temp.resolve("host-clock"), NOW);
    }

    private static void file(Path path, long size, Duration age) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
        }
        touch(path, age);
    }

    private static void touch(Path path, Duration age) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(NOW.minus(age)));
    }

    private static Path gzip(Path path, Duration age) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write("pg_dump output\n".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        touch(path, age);
        return path;
    }
}

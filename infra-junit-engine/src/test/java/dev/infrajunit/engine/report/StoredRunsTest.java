package dev.infrajunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs of one build make one report; a new build starts a new one. */
class StoredRunsTest {

    @TempDir
    Path reports;
    private final List<StoredRuns.Run> written = new ArrayList<>();

    @Test
    void eachRunOfABuildAddsItsChecksAndACheckRunAgainShowsItsLastResult() throws Exception {
        store("build-1", run(10, result("DatabaseBackupsSpec", "db-2", CheckResult.Status.FAILED)));
        store("build-1", run(20, result("WebTierSpec", "web-1", CheckResult.Status.PASSED)));
        store("build-1", run(30, result("DatabaseBackupsSpec", "db-2", CheckResult.Status.PASSED)));

        StoredRuns.Run report = written.get(written.size() - 1);
        assertThat(report.results()).extracting(CheckResult::spec, CheckResult::host, CheckResult::status, CheckResult::order)
                .containsExactly(tuple("DatabaseBackupsSpec", "db-2", CheckResult.Status.PASSED, 0),
                        tuple("WebTierSpec", "web-1", CheckResult.Status.PASSED, 1));
        assertThat(report.started()).isEqualTo(Instant.ofEpochSecond(10));
        assertThat(report.finished()).isEqualTo(Instant.ofEpochSecond(31));
    }

    @Test
    void aNewBuildForgetsTheRunsOfTheLastOne() throws Exception {
        store("build-1", run(10, result("DatabaseBackupsSpec", "db-2", CheckResult.Status.FAILED)));
        store("build-2", run(20, result("WebTierSpec", "web-1", CheckResult.Status.PASSED)));

        assertThat(written.get(1).results()).extracting(CheckResult::spec).containsExactly("WebTierSpec");
        try (var files = Files.list(reports.resolve("runs"))) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".run")))
                    .allSatisfy(name -> assertThat(name).startsWith("build-2--"));
        }
    }

    @Test
    void aStoredRunReadsBackAsItWasWritten() throws Exception {
        Map<String, String> command = new LinkedHashMap<>();
        command.put("host", "db-2");
        command.put("command", "ls -l '/var/backups/db' 2>&1");
        command.put("exitStatus", "2");
        command.put("output", "ls: cannot access '/var/backups/db': No such file or directory\nzweite Zeile ✘ \u0000 end");
        CheckResult failed = new CheckResult(3, "DatabaseBackupsSpec", "has a recent backup", "db-2", CheckResult.Status.FAILED,
                "[db-2] expected a backup newer than 26 hours in /var/backups/db\nbut found none", List.of(command),
                List.of(Map.of("note", "x".repeat(70_000))));
        CheckResult notPerHost = new CheckResult(4, "BucketsSpec", "are private", "", CheckResult.Status.SKIPPED, "", List.of(),
                List.of());
        StoredRuns.Run first = new StoredRuns.Run("staging", Instant.ofEpochSecond(10, 123_456_789),
                Instant.ofEpochSecond(12, 5), List.of(failed, notPerHost));
        store("build-1", first);
        store("build-1", run(20, result("WebTierSpec", "web-1", CheckResult.Status.PASSED)));

        StoredRuns.Run report = written.get(1);
        assertThat(report.results()).startsWith(failed.at(0), notPerHost.at(1));
        assertThat(report.results().get(0).commands().get(0)).containsExactly(command.entrySet().toArray(Map.Entry[]::new));
        assertThat(report.started()).isEqualTo(first.started());
    }

    @Test
    void aStoredFileItCannotReadIsDroppedNotShown() throws Exception {
        Path runs = Files.createDirectories(reports.resolve("runs"));
        Files.write(runs.resolve("build-1--1-1.run"), new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r'});
        Files.writeString(runs.resolve("build-1--1-2.run"), "infra-junit run 1\n");

        store("build-1", run(20, result("WebTierSpec", "web-1", CheckResult.Status.PASSED)));

        assertThat(written.get(0).results()).extracting(CheckResult::spec).containsExactly("WebTierSpec");
        assertThat(runs.resolve("build-1--1-1.run")).doesNotExist();
        assertThat(runs.resolve("build-1--1-2.run")).doesNotExist();
    }

    private void store(String build, StoredRuns.Run run) throws Exception {
        StoredRuns.store(reports, build, run, written::add);
    }

    private static StoredRuns.Run run(long startedSecond, CheckResult... results) {
        return new StoredRuns.Run("staging", Instant.ofEpochSecond(startedSecond), Instant.ofEpochSecond(startedSecond + 1),
                List.of(results));
    }

    private static CheckResult result(String spec, String host, CheckResult.Status status) {
        return new CheckResult(0, spec, "check", host, status, "", List.of(Map.of("command", "true", "exitStatus", "0")), List.of());
    }
}

package dev.infrajunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

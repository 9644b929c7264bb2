package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.infrajunit.WaivedCheckException;
import dev.infrajunit.engine.fixtures.good.BackupSpec;
import dev.infrajunit.engine.fixtures.good.PlainAssertionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Waivers in the environment file: the check runs, an accepted failure is reported as aborted, never silently. */
class WaiversTest {

    private static final String HOSTS = """
            roles: { database: {}, web: {} }
            hosts:
              db-1: { transport: local, roles: [database], properties: { backupAgeHours: 3 } }
              db-2: { transport: local, roles: [database], properties: { backupAgeHours: 51 } }
              db-3: { transport: local, roles: [database], properties: { backupAgeHours: 30, env: prod } }
              web-1: { transport: local, roles: [web] }
            """;

    @TempDir
    Path directory;

    private Path environment(String waivers) throws IOException {
        return Files.writeString(directory.resolve("staging.yaml"), HOSTS + waivers);
    }

    private EngineExecutionResults run(Path environment, Class<?> spec) {
        return EngineKit.onFleet().configurationParameter("infra.environment", environment.toString())
                .selectors(selectClass(spec)).execute();
    }

    private List<DiscoveryIssue> issues(Path environment, Class<?> spec) {
        return EngineKit.onFleet().configurationParameter("infra.environment", environment.toString())
                .selectors(selectClass(spec)).discover().getDiscoveryIssues();
    }

    @Test
    void aWaivedFailureIsAbortedWithTheReasonTheExpiryAndTheFailure() throws IOException {
        Path file = environment("""
                waivers:
                  - check: BackupSpec.everyDatabaseIsBackedUp
                    hosts: db-2
                    reason: moving to the new backup server, OPS-123
                    expires: 2099-12-31
                """);
        run(file, BackupSpec.class).testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("db-1"), finishedSuccessfully()))
                .haveExactly(1, event(test("db-2"), abortedWithReason(instanceOf(WaivedCheckException.class),
                        message("db-2: waived until 2099-12-31 (staging.yaml:8): moving to the new backup server, OPS-123."
                                + " The check failed: db-2: expected a backup younger than 24h, but the newest is 51h old"))))
                .haveExactly(1, event(test("db-3"), finishedWithFailure(
                        message("db-3: expected a backup younger than 24h, but the newest is 30h old"))));
        assertThat(issues(file, BackupSpec.class)).isEmpty();
    }

    @Test
    void aWaiverCoversTheHostsItsSelectorMatches() throws IOException {
        Path file = environment("""
                waivers:
                  - check: dev.infrajunit.engine.fixtures.good.BackupSpec.everyDatabaseIsBackedUp
                    hosts: role:database&prop:properties.env=prod
                    reason: prod backups move to the new server
                    expires: 2099-12-31
                """);
        run(file, BackupSpec.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("db-2"), finishedWithFailure()))
                .haveExactly(1, event(test("db-3"), abortedWithReason(instanceOf(WaivedCheckException.class))));
    }

    @Test
    void aWaiverWithoutHostsCoversEveryHost() throws IOException {
        Path file = environment("""
                waivers:
                  - { check: BackupSpec.everyDatabaseIsBackedUp, reason: known, expires: 2099-01-01 }
                  - { check: PlainAssertionSpec.nameIsShort, reason: names are long until the rename, expires: 2099-01-01 }
                """);
        run(file, BackupSpec.class).testEvents().assertThatEvents()
                .haveExactly(2, event(test("everyDatabaseIsBackedUp"), abortedWithReason(instanceOf(WaivedCheckException.class))))
                .haveExactly(1, event(test("db-1"), finishedSuccessfully()));
        run(file, PlainAssertionSpec.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("nameIsShort"), abortedWithReason(instanceOf(WaivedCheckException.class))))
                .haveExactly(1, event(test("breaksWithABug"), finishedWithFailure()));
    }

    @Test
    void anExpiredWaiverCountsNoMoreAndIsReportedAtItsLine() throws IOException {
        Path file = environment("""
                waivers:
                  - check: BackupSpec.everyDatabaseIsBackedUp
                    hosts: db-2
                    reason: moving to the new backup server
                    expires: 2020-01-31
                """);
        run(file, BackupSpec.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("db-2"), finishedWithFailure(instanceOf(AssertionError.class))));
        assertThat(issues(file, BackupSpec.class)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
            assertThat(issue.message()).isEqualTo("staging.yaml:8: the waiver of BackupSpec.everyDatabaseIsBackedUp for"
                    + " db-2 expired on 2020-01-31, so the failures it accepted count again; renew it"
                    + " with a later date or remove it");
            assertThat(issue.source()).contains(FileSource.from(file.toFile(), FilePosition.from(8)));
        });
    }

    @Test
    void aWaiverThatMatchesNoCheckOrNoHostIsReported() throws IOException {
        Path file = environment("""
                waivers:
                  - { check: BackupSpec.everyDatabaseIsBakedUp, reason: typo, expires: 2099-01-01 }
                  - { check: BackupSpec.everyDatabaseIsBackedUp, hosts: db-9, reason: gone, expires: 2099-01-01 }
                  - { check: com.acme.NoSuchSpec.check, reason: gone, expires: 2099-01-01 }
                  - { check: SpecOfAnotherRun.check, reason: runs elsewhere, expires: 2099-01-01 }
                """);
        assertThat(issues(file, BackupSpec.class)).extracting(DiscoveryIssue::message).containsExactly(
                "staging.yaml:8: the waiver of BackupSpec.everyDatabaseIsBakedUp names no check:"
                        + " BackupSpec has no @Check method everyDatabaseIsBakedUp",
                "staging.yaml:9: the waiver of BackupSpec.everyDatabaseIsBackedUp for db-9 covers no host:"
                        + " the selector matches no host of environment 'staging' (" + file + "); its roles are"
                        + " database, web and its hosts db-1, db-2, db-3, web-1",
                "staging.yaml:10: the waiver of com.acme.NoSuchSpec.check names no check: there is no"
                        + " spec class com.acme.NoSuchSpec");
    }

    @Test
    void waiversMayLiveInAFileOfTheirOwn() throws IOException {
        Files.writeString(directory.resolve("waivers.yaml"), """
                # reviewed every sprint
                - check: BackupSpec.everyDatabaseIsBackedUp
                  hosts: db-2
                  reason: moving to the new backup server
                  expires: 2099-12-31
                """);
        Path file = environment("waivers: waivers.yaml\n");
        run(file, BackupSpec.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("db-2"), abortedWithReason(message(text -> text.startsWith(
                        "db-2: waived until 2099-12-31 (waivers.yaml:2): moving to the new backup server.")))));
    }

    @Test
    void aMalformedWaiverIsAnErrorAtItsLine() throws IOException {
        assertThat(issues(environment("""
                waivers:
                  - { check: BackupSpec.everyDatabaseIsBackedUp, expires: 2099-01-01 }
                """), BackupSpec.class)).singleElement().satisfies(issue -> assertThat(issue.message())
                .endsWith("staging.yaml:8: waivers[0]: a waiver needs reason; write check: SpecClass.method, reason: why,"
                        + " expires: 2026-12-31"));
        assertThat(issues(environment("""
                waivers:
                  - { check: everyDatabaseIsBackedUp, reason: x, expires: 2099-01-01 }
                """), BackupSpec.class)).singleElement().satisfies(issue -> assertThat(issue.message())
                .endsWith("staging.yaml:8: waivers[0].check: 'everyDatabaseIsBackedUp' does not name a check; write the"
                        + " spec class and the method, e.g. DatabaseBackupsSpec.everyDatabaseIsBackedUp"));
        assertThat(issues(environment("""
                waivers:
                  - { check: BackupSpec.everyDatabaseIsBackedUp, reason: x, expires: next week }
                """), BackupSpec.class)).singleElement().satisfies(issue -> assertThat(issue.message())
                .endsWith("staging.yaml:8: waivers[0].expires: 'next week' is not a date; write it as 2026-12-31"));
        assertThat(issues(environment("""
                waivers:
                  - { check: BackupSpec.everyDatabaseIsBackedUp, reason: x, expires: 2099-01-01, hosts: 'role:' }
                """), BackupSpec.class)).singleElement().satisfies(issue -> assertThat(issue.message())
                .endsWith("staging.yaml:8: waivers[0].hosts: Term 'role:' in host selector 'role:' names no role;"
                        + " write role:NAME"));
        assertThat(issues(environment("waivers: missing.yaml\n"), BackupSpec.class)).singleElement()
                .satisfies(issue -> assertThat(issue.message()).contains("staging.yaml:7: waivers: cannot read the waivers file"));
    }

    @Test
    void waivedCheckExceptionKeepsTheFailure() {
        AssertionError failure = new AssertionError("db-2: expected it");
        WaivedCheckException waived = new WaivedCheckException("db-2", "known", java.time.LocalDate.of(2099, 1, 1),
                "staging.yaml:8", failure);
        assertThat(waived.failure()).isSameAs(failure);
        assertThat(waived).isInstanceOf(org.opentest4j.TestAbortedException.class);
        assertThatThrownBy(() -> {
            throw waived;
        }).hasMessage("db-2: waived until 2099-01-01 (staging.yaml:8): known. The check failed: db-2: expected it");
    }
}

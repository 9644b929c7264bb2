package dev.infrajunit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The example specs against the demo environment end exactly as the README says: every check
 * passes except the story's, the backup of reports-db, an RDS database found through the AWS API,
 * whose message says what was expected, where it looked, and what it found.
 */
class ExampleOutcomesTest {

    /** The one red node of the demo, word for word; only the snapshot's date and time vary. */
    static final Pattern REPORTS_DB_FAILURE = Pattern.compile(Pattern.quote("reports-db: expected a backup younger than 24h,"
            + " but the newest automated snapshot of RDS instance reports-db is rds:reports-db-")
            + "\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}" + Pattern.quote(", 2d 3h old; it is storage-full, and RDS takes automated backups only while a database is available"));

    private static EngineExecutionResults results;

    @BeforeAll
    static void runTheExamplesAgainstTheDemo() {
        results = examples().execute();
    }

    static EngineTestKit.Builder examples() {
        return EngineTestKit.engine("infra-junit")
                .configurationParameter("infra.environment", "demo")
                .configurationParameter("junit.platform.discovery.issue.severity.critical", "warning")
                .selectors(selectPackage("dev.infrajunit.examples"))
                .filters(includeClassNamePatterns(".*Spec"));
    }

    @Test
    void onlyReportsDbsBackupFailsAndItsMessageSaysWhatWhereAndHowOld() {
        results.testEvents().assertThatEvents().haveExactly(1, event(test("everyDatabaseHasARecentBackup"), test("reports-db"),
                finishedWithFailure(instanceOf(AssertionError.class), message(REPORTS_DB_FAILURE.asMatchPredicate()))));
        assertThat(results.testEvents().failed().stream().map(ExampleOutcomesTest::describe))
                .containsExactly("everyDatabaseHasARecentBackup[reports-db]");
    }

    @Test
    void everyOtherCheckPasses() {
        List<String> expected = new ArrayList<>(onEach(List.of("db-1", "db-2", "db-3", "orders-db", "catalog-aurora"),
                "everyDatabaseHasARecentBackup"));
        expected.add("db3ShipsItsDumpsToS3");
        expected.addAll(onEach(WEB, "servesHttps", "certificateDoesNotExpireWithin21Days", "healthEndpointAnswers200",
                "resolvesTheDatabaseName", "reachesThePrimaryDatabase"));
        expected.addAll(onEach(ALL, "sshdRefusesRootLoginAndPasswords", "nothingUnderEtcIsWorldWritable",
                "clockAgreesWithOursWithinTwoSeconds"));
        expected.addAll(onEach(ALL, "rootFileSystemIsBelow85PercentFull", "atLeast256MegabytesOfMemoryAreAvailable"));

        assertThat(results.testEvents().succeeded().stream().map(ExampleOutcomesTest::describe))
                .containsExactlyInAnyOrderElementsOf(expected);
        results.testEvents().assertStatistics(stats -> stats.skipped(0).aborted(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(0).aborted(0));
    }

    private static final List<String> WEB = List.of("web-1", "web-2");
    /** Every server; the RDS databases have no shell to run these checks in. */
    private static final List<String> ALL = List.of("web-1", "web-2", "db-1", "db-2", "db-3");

    private static List<String> onEach(List<String> hosts, String... checks) {
        return Arrays.stream(checks).flatMap(check -> hosts.stream().map(host -> check + "[" + host + "]")).toList();
    }

    @Test
    void everySpecIsTaggedSoItCanBeRunOnItsOwn() {
        Map<String, List<String>> tagsBySpec = results.containerEvents().started().stream()
                .map(Event::getTestDescriptor)
                .filter(descriptor -> descriptor.getUniqueId().getSegments().size() == 2)
                .collect(Collectors.toMap(descriptor -> descriptor.getDisplayName(),
                        descriptor -> descriptor.getTags().stream().map(TestTag::getName).toList()));
        assertThat(tagsBySpec).containsOnly(entry("DatabaseBackupsSpec", List.of("backup")), entry("WebTierSpec", List.of("web")),
                entry("SecurityBaselineSpec", List.of("security")), entry("CapacitySpec", List.of("capacity")));

        EngineExecutionResults backupsOnly = examples().filters(TagFilter.includeTags("backup")).execute();
        assertThat(backupsOnly.testEvents().started().stream().map(ExampleOutcomesTest::specOf).distinct())
                .containsExactly("DatabaseBackupsSpec");
    }

    /** The name a report row gets: {@code check[host]} for a host, else the check's name. */
    private static String describe(Event event) {
        return event.getTestDescriptor().getLegacyReportingName();
    }

    private static String specOf(Event event) {
        String className = event.getTestDescriptor().getUniqueId().getSegments().get(1).getValue();
        return className.substring(className.lastIndexOf('.') + 1);
    }
}

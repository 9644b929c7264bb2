package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.infrajunit.engine.fixtures.commands.CommandsSpec;
import dev.infrajunit.environment.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Each command a check runs is a report entry of the check's node, and a line of the command log. */
class CommandReportingTest {

    @Test
    void eachCommandIsAReportEntryOfItsHostsNodeWithExitStatusDurationAndOutput() {
        Map<String, String> entry = entries(run("echoes"), "web-1").get(0);

        assertThat(entry).containsEntry("host", "web-1")
                .containsEntry("command", "echo 'hello world'; echo warn >&2; exit 3")
                .containsEntry("exitStatus", "3")
                .containsEntry("output", "hello world\nwarn\n");
        assertThat(Long.parseLong(entry.get("durationMs"))).isBetween(0L, 10_000L);
    }

    @Test
    void oneKeyKeepsCommandsOutOfTheReportEntriesButNotWhatTheCheckReports() {
        EngineExecutionResults results = EngineKit.onFleet().configurationParameter("infra.commands.reportEntries", "false")
                .selectors(selectMethod(CommandsSpec.class, "echoes", "dev.infrajunit.Host")).execute();

        assertThat(entries(results, "web-1")).containsExactly(Map.of("measured", "42"));
    }

    @Test
    void whatACheckReportsGoesToItsNodeToo() {
        assertThat(entries(run("echoes"), "web-1")).contains(Map.of("measured", "42"));
    }

    @Test
    void aSecretNeverAppearsInTheEntryNorInTheLog() {
        Secrets.remember("hunter2-s3cret");
        CommandsSpec.secret = "hunter2-s3cret";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        EngineExecutionResults results;
        try {
            results = run("db1UsesASecret");
        } finally {
            System.setErr(err);
        }

        assertThat(entries(results, "db1UsesASecret").get(0)).containsEntry("command", "echo *** | wc -c");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("DEBUG dev.infrajunit.commands - db-1: echo *** | wc -c -> exit 0 in ")
                .doesNotContain("hunter2");
    }

    @Test
    void longOutputIsCutAndSaysHowMuchWasLeftOut() {
        String output = entries(run("db2PrintsALot"), "db2PrintsALot").get(0).get("output");

        assertThat(output).isEqualTo("x".repeat(2000) + "... (3000 more characters)");
    }

    private static EngineExecutionResults run(String method) {
        return EngineKit.onFleet().selectors(selectMethod(CommandsSpec.class, method, method.equals("echoes")
                ? "dev.infrajunit.Host" : "")).execute();
    }

    private static List<Map<String, String>> entries(EngineExecutionResults results, String node) {
        return results.allEvents().filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .filter(event -> event.getTestDescriptor().getDisplayName().equals(node))
                .map(CommandReportingTest::entry).toList();
    }

    private static Map<String, String> entry(Event event) {
        return event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs();
    }
}

package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infrajunit.monitor.alert.Alert;
import dev.infrajunit.monitor.alert.Alerts;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.CheckResult;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.Result;
import dev.infrajunit.monitor.state.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that a waiver in the environment file accepts, run through the real Launcher: the check
 * still runs, is waived with the waiver's message, shows as waived everywhere, and never alerts.
 */
class WaivedCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "dev.infrajunit.monitor.fixtures.BackupsSpec";
    private static final CheckKey DB2 = new CheckKey(SPEC, "hasARecentBackup", "db-2");
    private static final String WAIVER = """
            waivers:
              - check: BackupsSpec.hasARecentBackup
                hosts: db-2
                reason: moving to the new backup server, OPS-123
                expires: 2099-12-31
            """;

    @TempDir
    Path directory;

    @Test
    void aWaivedFailureIsWaivedShownAsWaivedAndResolvesItsAlert() throws Exception {
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1", "db-2"), false);
        fleet.backup("db-1", "db-1-today.dump", Duration.ofHours(3));
        fleet.backup("db-2", "db-2-old.dump", Duration.ofHours(30));
        try (TestMonitor monitor = TestMonitor.start(fleet.selection(), new Thresholds(1, 1, 50, 25), directory.resolve("state.json"),
                List.of(), Duration.ofMinutes(5))) {
            assertThat(result(monitor.cycle()).result()).isEqualTo(Result.FAIL);
            List<Alert> failing = Alerts.firing(monitor.monitor().state(), fleet.environmentFile().toString());
            assertThat(failing).extracting(alert -> alert.labels().get("host")).containsExactly("db-2");

            Files.writeString(fleet.environmentFile(), WAIVER, StandardOpenOption.APPEND);
            CheckResult waived = result(monitor.cycle());
            assertThat(waived.result()).isEqualTo(Result.WAIVED);
            assertThat(waived.message()).startsWith("db-2: waived until 2099-12-31 (environment.yaml:")
                    .contains("moving to the new backup server, OPS-123. The check failed: db-2: expected a backup younger than 24h");

            List<Alert> firing = Alerts.firing(monitor.monitor().state(), fleet.environmentFile().toString());
            assertThat(firing).isEmpty();
            assertThat(Alerts.resolved(failing, firing)).isEqualTo(failing);

            JsonNode check = check(JSON.readTree(monitor.get("/api/status").body()));
            assertThat(check.get("result").asText()).isEqualTo("waived");
            assertThat(check.get("state").asText()).isEqualTo("waived");
            assertThat(check.get("failingSince").isNull()).isTrue();
            assertThat(check.get("consecutiveFailures").asInt()).isZero();
            assertThat(check.get("message").asText()).isEqualTo(waived.message());

            String labels = "check=\"hasARecentBackup\",host=\"db-2\"";
            String spec = "spec=\"" + SPEC + "\"";
            assertThat(monitor.get("/metrics").body()).contains(
                    "infra_check_result{" + labels + ",result=\"waived\"," + spec + "} 1.0",
                    "infra_check_result{" + labels + ",result=\"fail\"," + spec + "} 0.0",
                    "infra_check_state{" + labels + "," + spec + ",state=\"waived\"} 1.0",
                    "infra_check_state{" + labels + "," + spec + ",state=\"failing\"} 0.0",
                    "infra_check_success{" + labels + "," + spec + "} 0.0");

            String page = monitor.get("/").body();
            assertThat(page).contains("state-waived{background", "class=\"cell state-waived\"", "moving to the new backup server, OPS-123");
        }
    }

    @Test
    void nagiosCountsAWaivedFailureAsOkAndNotesIt() throws Exception {
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1", "db-2"), false);
        fleet.backup("db-1", "db-1-today.dump", Duration.ofHours(3));
        fleet.backup("db-2", "db-2-old.dump", Duration.ofHours(30));
        Files.writeString(fleet.environmentFile(), WAIVER, StandardOpenOption.APPEND);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InfraMonitor.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--once", "--format", "nagios", "--select-class", SPEC, "--config", "infra.environment=" + fleet.environmentFile(),
                "--state-file", directory.resolve("once.json").toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines.get(0)).startsWith("INFRA OK - 3 checks passed, 1 waived | checks=4;;;0 passed=3;;;0 failed=0;;;0 errors=0;;;0"
                + " skipped=0;;;0 waived=1;;;0 discovery_errors=0;;;0 duration=");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("WAIVED BackupsSpec.hasARecentBackup[db-2]: db-2: waived until 2099-12-31 (environment.yaml:")
                .contains("OPS-123. The check failed: db-2: expected a backup younger than 24h");
    }

    private static CheckResult result(CycleResults cycle) {
        return cycle.results().stream().filter(result -> result.key().equals(DB2)).findFirst().orElseThrow();
    }

    private static JsonNode check(JsonNode status) {
        for (JsonNode check : status.get("checks")) {
            if (check.get("check").asText().equals(DB2.check()) && check.get("host").asText().equals(DB2.host())) {
                return check;
            }
        }
        throw new AssertionError("no " + DB2.describe() + " in " + status);
    }
}

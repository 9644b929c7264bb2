package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infrajunit.engine.report.HeadlessChromium;
import dev.infrajunit.monitor.state.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The monitor keeping the README's example specs running against the demo fleet, over two cycles
 * with {@code --fail-after 2}: the stale backup of reports-db, an RDS database of the demo account,
 * makes its check pending, then failing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMonitorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKUPS = "dev.infrajunit.examples.DatabaseBackupsSpec";

    @TempDir
    static Path directory;

    private TestMonitor monitor;
    private final List<JsonNode> statusAfterEachCycle = new ArrayList<>();

    @BeforeAll
    void twoCycles() throws Exception {
        monitor = TestMonitor.start(TestMonitor.DEMO, new Thresholds(2, 2, 50, 25), directory.resolve("state.json"), List.of(),
                Duration.ofMinutes(5));
        for (int i = 0; i < 2; i++) {
            monitor.cycle();
            statusAfterEachCycle.add(JSON.readTree(monitor.get("/api/status").body()));
        }
    }

    @AfterAll
    void stop() {
        monitor.close();
    }

    @Test
    void reportsDbGoesPendingThenFailingWhileTheOthersStayOk() {
        JsonNode first = check(statusAfterEachCycle.get(0), BACKUPS, "everyDatabaseHasARecentBackup", "reports-db");
        assertThat(first.get("state").asText()).isEqualTo("pending");
        assertThat(first.get("result").asText()).isEqualTo("fail");
        assertThat(first.get("failingSince").isNull()).isTrue();

        JsonNode second = check(statusAfterEachCycle.get(1), BACKUPS, "everyDatabaseHasARecentBackup", "reports-db");
        assertThat(second.get("state").asText()).isEqualTo("failing");
        assertThat(second.get("consecutiveFailures").asInt()).isEqualTo(2);
        assertThat(second.get("failingSince").asText()).isEqualTo(first.get("lastRun").asText());
        assertThat(second.get("message").asText())
                .startsWith("reports-db: expected a backup younger than 24h, but the newest automated snapshot of RDS instance"
                        + " reports-db is rds:reports-db-")
                .endsWith(", 2d 3h old; it is storage-full, and RDS takes automated backups only while a database is available");

        JsonNode status = statusAfterEachCycle.get(1);
        assertThat(status.get("cycle").asLong()).isEqualTo(2);
        int checks = status.get("checks").size();
        assertThat(checks).as("every check of the example specs on every host").isGreaterThanOrEqualTo(35);
        long ok = 0;
        for (JsonNode check : status.get("checks")) {
            ok += check.get("state").asText().equals("ok") ? 1 : 0;
        }
        assertThat(ok).isEqualTo(checks - 1);
        assertThat(status.get("hosts")).allSatisfy(host -> assertThat(host.get("reachable").asBoolean()).isTrue());
    }

    @Test
    void metricsSpeakPrometheusWithTheContractedNames() throws Exception {
        HttpResponse<String> response = monitor.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        String metrics = response.body();
        String reports = "check=\"everyDatabaseHasARecentBackup\",host=\"reports-db\",spec=\"" + BACKUPS + "\"";
        assertThat(metrics).contains(
                "infra_check_success{" + reports + "} 0.0",
                // the exposition orders labels by name
                "infra_check_result{check=\"everyDatabaseHasARecentBackup\",host=\"reports-db\",result=\"fail\",spec=\"" + BACKUPS + "\"} 1.0",
                "infra_check_result{check=\"everyDatabaseHasARecentBackup\",host=\"reports-db\",result=\"pass\",spec=\"" + BACKUPS + "\"} 0.0",
                "infra_check_state{" + reports + ",state=\"failing\"} 1.0",
                "infra_check_state{" + reports + ",state=\"ok\"} 0.0",
                "infra_check_consecutive_failures{" + reports + "} 2.0",
                "infra_check_failing_since_timestamp_seconds{" + reports + "} ",
                "infra_check_duration_seconds{" + reports + "} ",
                "infra_check_last_run_timestamp_seconds{" + reports + "} ",
                "infra_host_reachable{host=\"db-2\"} 1.0",
                "infra_monitor_cycles_total 2.0",
                "infra_monitor_cycle_duration_seconds ",
                "infra_monitor_last_cycle_end_timestamp_seconds ",
                "infra_monitor_cycle_overruns_total 0.0",
                "infra_monitor_discovery_errors 0.0",
                // a check without a host
                "infra_check_success{check=\"db3ShipsItsDumpsToS3\",host=\"\",spec=\"" + BACKUPS + "\"} 1.0");
        // only failing or recovering checks have a failing-since series
        assertThat(metrics.lines().filter(line -> line.startsWith("infra_check_failing_since_timestamp_seconds{"))).hasSize(1);
        // reports-db's newest snapshot is 51 h 10 min old: 184,200 s and a few seconds
        // labelled with the check that looked at the backup, and the host whose backup it is
        String age = metrics.lines().filter(line -> line.startsWith("infra_backup_age_seconds{")
                && line.contains("host=\"reports-db\",policy=\"rds reports-db\"")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(age.substring(age.lastIndexOf(' ') + 1))).isBetween(184_200.0, 184_200.0 + 600);
        assertThat(metrics).contains("infra_backup_age_seconds{check=\"db3ShipsItsDumpsToS3\",host=\"db-3\",policy=\"s3"
                        + " s3://demo-backups/db-3/\",spec=\"" + BACKUPS + "\"}",
                "infra_backup_age_seconds{check=\"everyDatabaseHasARecentBackup\",host=\"db-2\",policy=\"files ");
    }

    @Test
    void healthzAnswers200AfterARecentCycle() throws Exception {
        assertThat(monitor.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void thePageInChromiumShowsReportsDbsBackupCellRedWithItsMessage() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.driver();
            browser.get(monitor.uri("/").toString());
            assertThat(browser.getTitle()).isEqualTo("infra-junit monitor");
            WebElement reports = cell(browser, BACKUPS, "everyDatabaseHasARecentBackup", "reports-db");
            assertThat(reports.getAttribute("class")).contains("state-failing");
            assertThat(reports.getCssValue("background-color")).isEqualTo("rgba(229, 57, 53, 1)");
            reports.findElement(By.tagName("summary")).click();
            WebElement message = reports.findElement(By.cssSelector("pre.message"));
            assertThat(message.isDisplayed()).isTrue();
            assertThat(message.getText()).startsWith("reports-db: expected a backup younger than 24h").contains("2d 3h old");
            assertThat(reports.findElement(By.cssSelector("p.since")).getText()).startsWith("failing since 20");
            assertThat(cell(browser, BACKUPS, "everyDatabaseHasARecentBackup", "db-1").getAttribute("class")).contains("state-ok");
            int checks = statusAfterEachCycle.get(1).get("checks").size();
            assertThat(browser.findElement(By.id("totals")).getText()).contains((checks - 1) + " ok", "1 failing");
            assertThat(browser.findElement(By.id("cycle")).getText()).startsWith("Cycle 2 ended ");
            chromium.screenshot(Path.of("target", "monitor-page-demo.png"));

            browser.findElement(By.id("only-problems")).click();
            waitUntil(() -> browser.getCurrentUrl().contains("problems=1"));
            assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("td.cell"))).hasSize(1);
            assertThat(browser.findElement(By.cssSelector("tbody tr")).getAttribute("data-host")).isEqualTo("reports-db");
            chromium.screenshot(Path.of("target", "monitor-page-demo-problems.png"));
        }
    }

    @Test
    void onceWithNagiosFormatPrintsOneStatusLineAndExitsCritical() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InfraMonitor.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--once", "--format", "nagios", "--select-package", "dev.infrajunit.examples", "--include-classname", ".*Spec",
                "--config", "infra.environment=demo", "--state-file", directory.resolve("once.json").toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        int checks = statusAfterEachCycle.get(1).get("checks").size();
        assertThat(lines.get(0)).startsWith("INFRA CRITICAL - 1 of " + checks + " checks not passing: DatabaseBackupsSpec.everyDatabaseHasARecentBackup[reports-db]"
                + " | checks=" + checks + ";;;0 passed=" + (checks - 1) + ";;;0 failed=1;;;0 errors=0;;;0 skipped=0;;;0 waived=0;;;0 discovery_errors=0;;;0 duration=");
        assertThat(lines.get(0)).matches(".* duration=\\d+\\.\\d{3}s;;;0");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("FAILED DatabaseBackupsSpec.everyDatabaseHasARecentBackup[reports-db]: reports-db: expected a"
                + " backup younger than 24h");
    }

    static WebElement cell(ChromeDriver browser, String spec, String check, String host) {
        return browser.findElement(By.cssSelector("td.cell[data-spec='" + spec + "'][data-check='" + check + "'][data-host='" + host + "']"));
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 15 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static JsonNode check(JsonNode status, String spec, String check, String host) {
        for (JsonNode node : status.get("checks")) {
            if (node.get("spec").asText().equals(spec) && node.get("check").asText().equals(check) && node.get("host").asText().equals(host)) {
                return node;
            }
        }
        throw new AssertionError("no " + spec + "." + check + "[" + host + "] in " + status);
    }
}

package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infrajunit.monitor.run.Selection;
import dev.infrajunit.monitor.state.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cycles that overrun their interval, and a discovery mistake in the middle of a monitor's life. */
class CyclesInTimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void aCycleLongerThanTheIntervalIsFollowedAtOnceAndCountedAndCyclesNeverOverlap() throws Exception {
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1"), false);
        Selection sleepy = new Selection(List.of(), List.of(), List.of("dev.infrajunit.monitor.fixtures.SleepySpec"), List.of(),
                List.of(), List.of(), Map.of("infra.environment", fleet.environmentFile().toString()));
        try (TestMonitor monitor = TestMonitor.start(sleepy, Thresholds.DEFAULTS, directory.resolve("state.json"), List.of(),
                Duration.ofMillis(300))) {
            long started = System.nanoTime();
            Thread loop = new Thread(monitor.monitor()::run, "monitor-loop");
            loop.start();
            Thread.sleep(3_000);
            assertThat(monitor.monitor().stop(Duration.ofSeconds(10))).isTrue();
            loop.join(10_000);
            double elapsed = (System.nanoTime() - started) / 1e9;
            String metrics = monitor.get("/metrics").body();
            double cycles = value(metrics, "infra_monitor_cycles_total");
            double overruns = value(metrics, "infra_monitor_cycle_overruns_total");
            assertThat(cycles).isGreaterThanOrEqualTo(2);
            assertThat(overruns).as("every cycle took 600 ms of a 300 ms interval").isEqualTo(cycles);
            // one after the other: together they fit into the time the monitor ran
            assertThat(cycles * 0.6).isLessThanOrEqualTo(elapsed);
            assertThat(monitor.monitor().state().cycle()).isEqualTo((long) cycles);
        }
    }

    @Test
    void aDiscoveryMistakeShowsAndTheMonitorKeepsRunning() throws Exception {
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1"), false);
        fleet.backup("db-1", "db-1-today.dump", Duration.ofHours(1));
        try (TestMonitor monitor = TestMonitor.start(fleet.selection(), Thresholds.DEFAULTS, directory.resolve("state.json"), List.of(),
                Duration.ofMinutes(1))) {
            monitor.cycle();
            // the database host is taken out of the environment: role:database selects no host
            Files.writeString(fleet.environmentFile(), "roles:\n  database: {}\nhosts:\n  web-1: { transport: local }\n");
            monitor.cycle();
            assertThat(monitor.get("/metrics").body()).contains("infra_monitor_discovery_errors 2.0",
                    "infra_check_success{check=\"hasARecentBackup\",host=\"db-1\"");
            JsonNode status = JSON.readTree(monitor.get("/api/status").body());
            assertThat(status.get("cycle").asLong()).isEqualTo(2);
            assertThat(status.get("discoveryErrors").get(0).asText())
                    .startsWith("@ForEachHost(\"role:database\") on BackupsSpec.")
                    .contains("no host");
            assertThat(monitor.get("/").body()).contains("<section id=\"discovery-errors\">");
            assertThat(monitor.get("/healthz").statusCode()).isEqualTo(200);

            LocalFleet.create(directory.resolve("fleet"), List.of("db-1"), false);
            monitor.cycle();
            assertThat(monitor.get("/metrics").body()).contains("infra_monitor_discovery_errors 0.0");
            assertThat(JSON.readTree(monitor.get("/api/status").body()).get("checks")).hasSize(2);
        }
    }

    private static double value(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).map(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in\n" + metrics));
    }
}

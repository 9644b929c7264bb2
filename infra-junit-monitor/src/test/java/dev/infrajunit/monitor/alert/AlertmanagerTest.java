package dev.infrajunit.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infrajunit.monitor.LocalFleet;
import dev.infrajunit.monitor.TestMonitor;
import dev.infrajunit.monitor.state.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor posting to a real Alertmanager, whose API is read back. */
class AlertmanagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = "dev.infrajunit.monitor.fixtures.BackupsSpec";

    @TempDir
    Path directory;

    @Test
    void failingChecksAndUnreachableHostsAlertOnceEachAndResolveOnRecovery() throws Exception {
        assertThat(Files.isExecutable(RealAlertmanager.BINARY))
                .as("Debian's prometheus-alertmanager (scripts/test installs it)").isTrue();
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1", "db-2"), true);
        fleet.backup("db-1", "db-1-today.dump", Duration.ofHours(2));
        fleet.backup("db-2", "db-2-old.dump", Duration.ofHours(51));
        try (RealAlertmanager alertmanager = RealAlertmanager.start(Files.createDirectories(directory.resolve("am")));
             TestMonitor monitor = TestMonitor.start(fleet.selection(), new Thresholds(2, 1, 50, 25), directory.resolve("state.json"),
                     List.of(alertmanager.base()), Duration.ofMinutes(1))) {
            monitor.cycle();
            assertThat(active(alertmanager)).as("pending checks do not alert").isEmpty();
            monitor.cycle();

            List<JsonNode> alerts = active(alertmanager);
            assertThat(alerts).extracting(alert -> alert.get("labels").get("alertname").asText())
                    .containsExactlyInAnyOrder("InfraCheckFailing", "InfraHostUnreachable");
            JsonNode failing = named(alerts, "InfraCheckFailing");
            assertThat(failing.get("labels").get("spec").asText()).isEqualTo(SPEC);
            assertThat(failing.get("labels").get("check").asText()).isEqualTo("hasARecentBackup");
            assertThat(failing.get("labels").get("host").asText()).isEqualTo("db-2");
            assertThat(failing.get("labels").get("environment").asText()).isEqualTo(fleet.environmentFile().toString());
            assertThat(failing.get("labels").get("tags").asText()).isEqualTo("backup");
            assertThat(failing.get("annotations").get("summary").asText())
                    .startsWith("db-2: expected a backup younger than 24h, but the newest of ").contains("is db-2-old.dump, 2d 3h old");
            String failingSince = failing.get("annotations").get("failing_since").asText();
            assertThat(failing.get("startsAt").asText()).startsWith(failingSince.substring(0, 19));

            // one alert for gone-1, none for each of its checks
            JsonNode unreachable = named(alerts, "InfraHostUnreachable");
            assertThat(unreachable.get("labels").get("host").asText()).isEqualTo("gone-1");
            assertThat(unreachable.get("labels").has("check")).isFalse();
            assertThat(unreachable.get("annotations").get("summary").asText()).startsWith("gone-1: connection refused by 127.0.0.1:");

            // db-2 gets its backup: the alert is resolved, and Alertmanager no longer lists it as active
            fleet.backup("db-2", "db-2-today.dump", Duration.ofHours(1));
            monitor.cycle();
            assertThat(active(alertmanager)).extracting(alert -> alert.get("labels").get("alertname").asText())
                    .containsExactly("InfraHostUnreachable");
        }
    }

    private static List<JsonNode> active(RealAlertmanager alertmanager) throws Exception {
        List<JsonNode> active = new ArrayList<>();
        for (JsonNode alert : JSON.readTree(alertmanager.alerts())) {
            // a just-received alert may still be unprocessed; either way Alertmanager holds it as firing
            if (List.of("active", "unprocessed").contains(alert.get("status").get("state").asText())) {
                active.add(alert);
            }
        }
        return active;
    }

    private static JsonNode named(List<JsonNode> alerts, String name) {
        return alerts.stream().filter(alert -> alert.get("labels").get("alertname").asText().equals(name)).findFirst().orElseThrow();
    }
}

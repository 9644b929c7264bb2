package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.Infra;
import dev.infrajunit.engine.fixtures.reporting.ReportingSpec;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

class ReportTest {

    @Test
    void infraReportPublishesOnTheNodeOfTheRunningCheck() {
        EngineExecutionResults results = EngineKit.onFleet().selectors(selectClass(ReportingSpec.class)).execute();
        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        Map<String, String> published = new TreeMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            ReportEntry entry = event.getPayload(ReportEntry.class).orElseThrow();
            String node = event.getTestDescriptor().getUniqueId().getLastSegment().getValue();
            entry.getKeyValuePairs().forEach((key, value) -> published.put(node + " " + key, value));
        }
        assertThat(published).containsExactlyInAnyOrderEntriesOf(Map.of(
                "db-1 checked", "db-1",
                "db-2 checked", "db-2",
                "db-3 checked", "db-3",
                "reportsOnlyFromItsOwnThread() plain", "yes"));
    }

    @Test
    void outsideACheckAReportIsIgnoredButABlankOneIsStillAMistake() {
        Infra.report("nowhere", "ignored");
        assertThatThrownBy(() -> Infra.report(" ", "value")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Infra.report needs a key, but got ' '");
        assertThatThrownBy(() -> Infra.report("key", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Infra.report(\"key\", value) needs a value, but got ''");
    }
}

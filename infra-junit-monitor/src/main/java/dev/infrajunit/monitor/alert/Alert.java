package dev.infrajunit.monitor.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert as Alertmanager knows it: its labels identify it, its annotations describe it.
 *
 * @param labels      alertname, spec, check, host, environment, tags
 * @param annotations summary (the message), failing_since
 * @param startsAt    since when the condition holds
 */
public record Alert(Map<String, String> labels, Map<String, String> annotations, Optional<Instant> startsAt) {

    public Alert {
        labels = new TreeMap<>(labels);
        annotations = new TreeMap<>(annotations);
    }

    public String name() {
        return labels.get("alertname");
    }
}

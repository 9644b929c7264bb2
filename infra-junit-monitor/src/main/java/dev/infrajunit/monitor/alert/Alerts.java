package dev.infrajunit.monitor.alert;

import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.state.CheckState;
import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.State;
import dev.infrajunit.monitor.state.TrackedCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which alerts a state fires: a failing check ({@code InfraCheckFailing}) unless its host is
 * unreachable, which is one alert of its own ({@code InfraHostUnreachable}). Pending, recovering and
 * flapping fire nothing. Pure: alerts are read from states, so they survive restarts with them.
 */
public final class Alerts {

    public static final String CHECK_FAILING = "InfraCheckFailing";
    public static final String HOST_UNREACHABLE = "InfraHostUnreachable";

    private Alerts() {
    }

    public static List<Alert> firing(MonitorState state, String environment) {
        List<Alert> alerts = new ArrayList<>();
        state.hosts().forEach((host, hostState) -> {
            if (hostState.state() == State.FAILING) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("alertname", HOST_UNREACHABLE);
                labels.put("host", host);
                labels.put("environment", environment);
                alerts.add(new Alert(labels, annotations(hostState), hostState.failingSince()));
            }
        });
        state.checks().forEach((key, tracked) -> {
            if (tracked.state().state() == State.FAILING && !state.heldByHost(key)) {
                alerts.add(new Alert(labels(key, tracked, environment), annotations(tracked.state()), tracked.state().failingSince()));
            }
        });
        return alerts;
    }

    /** Alerts that fired in {@code before} and no longer fire in {@code after}, identified by their labels. */
    public static List<Alert> resolved(List<Alert> before, List<Alert> after) {
        List<Map<String, String>> stillFiring = after.stream().map(Alert::labels).toList();
        return before.stream().filter(alert -> !stillFiring.contains(alert.labels())).toList();
    }

    private static Map<String, String> labels(CheckKey key, TrackedCheck tracked, String environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", CHECK_FAILING);
        labels.put("spec", key.spec());
        labels.put("check", key.check());
        labels.put("host", key.host());
        labels.put("environment", environment);
        labels.put("tags", String.join(",", tracked.tags().stream().sorted().toList()));
        return labels;
    }

    private static Map<String, String> annotations(CheckState state) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", state.message());
        state.failingSince().ifPresent(since -> annotations.put("failing_since", since.toString()));
        return annotations;
    }
}

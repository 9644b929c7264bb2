package dev.infrajunit.monitor.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infrajunit.monitor.run.BackupAge;
import dev.infrajunit.monitor.state.CheckState;
import dev.infrajunit.monitor.state.MonitorState;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /api/status}: the cycle, and per check and host where it stands. */
final class StatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    static byte[] write(MonitorState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("cycle", state.cycle());
        state.lastCycleStart().ifPresentOrElse(time -> root.put("cycleStarted", time.toString()), () -> root.putNull("cycleStarted"));
        state.lastCycleEnd().ifPresentOrElse(time -> root.put("cycleEnded", time.toString()), () -> root.putNull("cycleEnded"));
        root.put("cycleDurationSeconds", state.lastCycleDuration().toMillis() / 1000.0);
        ArrayNode errors = root.putArray("discoveryErrors");
        state.discoveryErrors().forEach(errors::add);
        ArrayNode hosts = root.putArray("hosts");
        state.hosts().forEach((name, host) -> {
            ObjectNode node = hosts.addObject();
            node.put("host", name);
            node.put("reachable", state.reachable(name));
            node.put("state", host.state().label());
            node.put("message", host.message());
        });
        ArrayNode checks = root.putArray("checks");
        state.checks().forEach((key, tracked) -> {
            CheckState check = tracked.state();
            ObjectNode node = checks.addObject();
            node.put("spec", key.spec());
            node.put("check", key.check());
            node.put("host", key.host());
            ArrayNode tags = node.putArray("tags");
            tracked.tags().stream().sorted().forEach(tags::add);
            node.put("result", check.lastResult().label());
            node.put("state", check.state().label());
            node.put("consecutiveFailures", check.consecutiveFailures());
            check.failingSince().ifPresentOrElse(time -> node.put("failingSince", time.toString()), () -> node.putNull("failingSince"));
            node.put("lastStateChange", check.lastStateChange().toString());
            node.put("message", check.message());
            node.put("durationSeconds", check.duration().toMillis() / 1000.0);
            node.put("lastRun", check.lastRun().toString());
            node.put("heldByHost", state.heldByHost(key));
            ArrayNode ages = node.putArray("backupAges");
            for (BackupAge age : tracked.backupAges()) {
                ages.addObject().put("host", age.host()).put("policy", age.policy()).put("seconds", age.seconds())
                        .put("maxAgeSeconds", age.maxAgeSeconds());
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

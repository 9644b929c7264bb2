package dev.infrajunit.monitor.http;

import dev.infrajunit.monitor.run.BackupAge;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.Result;
import dev.infrajunit.monitor.state.CheckState;
import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.State;
import dev.infrajunit.monitor.state.TrackedCheck;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The monitor's Prometheus metrics, read from its state after each cycle. Series of checks and
 * hosts that no longer exist are removed. They change only when a cycle ends, so they are rendered
 * in the exposition format then, once, and every scrape until the next cycle is served those bytes:
 * a scrape costs the same with thousands of checks as with a few.
 */
public final class MonitorMetrics {

    private static final String[] CHECK = {"spec", "check", "host"};
    /** A check's and a backup policy's: {@code host} is the host whose backup it is. */
    private static final String[] BACKUP = {"spec", "check", "host", "policy"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge checkSuccess = gauge("infra_check_success", "1 if the check's last result passed, else 0", CHECK);
    private final Gauge checkResult = gauge("infra_check_result", "The check's last result: 1 for the one it was",
            "spec", "check", "host", "result");
    private final Gauge checkState = gauge("infra_check_state", "The check's state: 1 for the one it is in",
            "spec", "check", "host", "state");
    private final Gauge consecutiveFailures = gauge("infra_check_consecutive_failures",
            "Non-pass results in a row", CHECK);
    private final Gauge failingSince = gauge("infra_check_failing_since_timestamp_seconds",
            "Since when the check is failing (only while failing or recovering)", CHECK);
    private final Gauge duration = gauge("infra_check_duration_seconds", "How long the check last ran", CHECK);
    private final Gauge lastRun = gauge("infra_check_last_run_timestamp_seconds", "When the check last ran", CHECK);
    private final Gauge hostReachable = gauge("infra_host_reachable",
            "0 when every check of the host could not reach or log into it in the last cycle, else 1", "host");
    // per check, so that a rule can leave out the backups of a waived check (its infra_check_state)
    private final Gauge backupAge = gauge("infra_backup_age_seconds",
            "Age of the newest backup per check and backup policy that hasRecentBackup looked at", BACKUP);
    // beside the age, so that a Prometheus rule can tell a backup older than its policy
    private final Gauge backupMaxAge = gauge("infra_backup_max_age_seconds",
            "How old the newest backup may be under its backup policy (its maxAge)", BACKUP);
    private final Counter cycles = Counter.builder().name("infra_monitor_cycles_total")
            .help("Cycles completed by this process").register(registry);
    private final Gauge cycleDuration = gauge("infra_monitor_cycle_duration_seconds", "How long the last cycle took");
    private final Gauge lastCycleEnd = gauge("infra_monitor_last_cycle_end_timestamp_seconds", "When the last cycle ended");
    private final Counter overruns = Counter.builder().name("infra_monitor_cycle_overruns_total")
            .help("Cycles that took longer than the interval").register(registry);
    private final Gauge discoveryErrors = gauge("infra_monitor_discovery_errors",
            "Specs or checks that could not be found in the last cycle");

    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    private volatile byte[] exposition = render();

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The media type of {@link #exposition()}. */
    public String contentType() {
        return format.getContentType();
    }

    /** Every metric in the Prometheus text format, as of the last cycle. */
    public byte[] exposition() {
        return exposition;
    }

    public void cycleOverran() {
        overruns.inc();
        exposition = render();
    }

    /** Publishes the state after a cycle this process completed. */
    public void publish(MonitorState state) {
        cycles.inc();
        cycleDuration.set(seconds(state.lastCycleDuration()));
        state.lastCycleEnd().ifPresent(end -> lastCycleEnd.set(end.toEpochMilli() / 1000.0));
        discoveryErrors.set(state.discoveryErrors().size());

        Set<List<String>> checks = new HashSet<>();
        Set<List<String>> results = new HashSet<>();
        Set<List<String>> states = new HashSet<>();
        Set<List<String>> failing = new HashSet<>();
        Set<List<String>> ages = new HashSet<>();
        state.checks().forEach((key, tracked) -> {
            CheckState check = tracked.state();
            String[] labels = labels(key);
            checks.add(List.of(labels));
            checkSuccess.labelValues(labels).set(check.lastResult().passed() ? 1 : 0);
            for (Result result : Result.values()) {
                String[] with = with(labels, result.label());
                results.add(List.of(with));
                checkResult.labelValues(with).set(check.lastResult() == result ? 1 : 0);
            }
            for (State each : State.values()) {
                String[] with = with(labels, each.label());
                states.add(List.of(with));
                checkState.labelValues(with).set(check.state() == each ? 1 : 0);
            }
            consecutiveFailures.labelValues(labels).set(check.consecutiveFailures());
            check.failingSince().ifPresent(since -> {
                failing.add(List.of(labels));
                failingSince.labelValues(labels).set(since.toEpochMilli() / 1000.0);
            });
            duration.labelValues(labels).set(seconds(check.duration()));
            lastRun.labelValues(labels).set(check.lastRun().toEpochMilli() / 1000.0);
            publishBackupAges(labels, tracked, ages);
        });
        Set<List<String>> hosts = new HashSet<>();
        state.hosts().forEach((host, hostState) -> {
            hosts.add(List.of(host));
            hostReachable.labelValues(host).set(state.reachable(host) ? 1 : 0);
        });
        for (Gauge each : List.of(checkSuccess, consecutiveFailures, duration, lastRun)) {
            each.removeIf(labels -> !checks.contains(labels));
        }
        checkResult.removeIf(labels -> !results.contains(labels));
        checkState.removeIf(labels -> !states.contains(labels));
        failingSince.removeIf(labels -> !failing.contains(labels));
        backupAge.removeIf(labels -> !ages.contains(labels));
        backupMaxAge.removeIf(labels -> !ages.contains(labels));
        hostReachable.removeIf(labels -> !hosts.contains(labels));
        exposition = render();
    }

    private byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            format.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the metrics", e);
        }
        return out.toByteArray();
    }

    private void publishBackupAges(String[] check, TrackedCheck tracked, Set<List<String>> published) {
        for (BackupAge age : tracked.backupAges()) {
            // labelled with the host the backup belongs to, which a check without a host names too
            String[] labels = {check[0], check[1], age.host(), age.policy()};
            published.add(List.of(labels));
            backupAge.labelValues(labels).set(age.seconds());
            backupMaxAge.labelValues(labels).set(age.maxAgeSeconds());
        }
    }

    private Gauge gauge(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private static String[] labels(CheckKey key) {
        return new String[] {key.spec(), key.check(), key.host()};
    }

    private static String[] with(String[] labels, String last) {
        List<String> all = new ArrayList<>(List.of(labels));
        all.add(last);
        return all.toArray(String[]::new);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

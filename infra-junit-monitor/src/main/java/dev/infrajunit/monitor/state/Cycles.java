package dev.infrajunit.monitor.state;

import dev.infrajunit.monitor.run.BackupAge;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.CheckResult;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Folds one cycle's results into the monitor's state. Pure: no clock, no I/O. */
public final class Cycles {

    private final StateMachine machine;

    public Cycles(StateMachine machine) {
        this.machine = machine;
    }

    public MonitorState apply(MonitorState previous, CycleResults cycle) {
        TreeMap<CheckKey, TrackedCheck> checks = new TreeMap<>();
        if (!cycle.complete()) {
            // an engine that could not run says nothing about its checks: they stay as they were
            checks.putAll(previous.checks());
        }
        Map<String, List<CheckResult>> byHost = new LinkedHashMap<>();
        for (CheckResult result : cycle.results()) {
            TrackedCheck before = previous.checks().get(result.key());
            CheckState state = machine.next(before == null ? null : before.state(), result.result(), result.message(),
                    result.duration(), cycle.ended());
            List<BackupAge> backupAges = result.backupAges().isEmpty() && before != null && !result.result().counts()
                    ? before.backupAges() : result.backupAges();
            checks.put(result.key(), new TrackedCheck(state, result.tags(), backupAges));
            if (result.key().hasHost()) {
                byHost.computeIfAbsent(result.key().host(), host -> new ArrayList<>()).add(result);
            }
        }
        TreeMap<String, CheckState> hosts = new TreeMap<>();
        if (!cycle.complete()) {
            hosts.putAll(previous.hosts());
        }
        byHost.forEach((host, results) -> {
            Optional<String> unreachable = unreachable(results);
            hosts.put(host, machine.next(previous.hosts().get(host), unreachable.isPresent() ? Result.ERROR : Result.PASS,
                    unreachable.orElse(""), Duration.ZERO, cycle.ended()));
        });
        return new MonitorState(previous.cycle() + 1, Optional.of(cycle.started()), Optional.of(cycle.ended()),
                cycle.discoveryErrors(), checks, hosts);
    }

    /**
     * Why the host could not be reached, when that is why all its checks erred: every check that ran
     * could not check the host, for one and the same reason (the run's one connection to it failed).
     */
    static Optional<String> unreachable(List<CheckResult> results) {
        List<CheckResult> ran = results.stream().filter(result -> result.result().counts()).toList();
        if (ran.isEmpty() || !ran.stream().allMatch(result -> result.result() == Result.ERROR && result.couldNotCheck())) {
            return Optional.empty();
        }
        long reasons = ran.stream().map(CheckResult::message).distinct().count();
        return reasons == 1 ? Optional.of(ran.get(0).message()) : Optional.empty();
    }
}

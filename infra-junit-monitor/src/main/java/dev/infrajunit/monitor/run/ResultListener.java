package dev.infrajunit.monitor.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineDiscoveryResult;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns one launch's events into a result per (spec, check, host). A failed assertion is a
 * failure; anything else thrown, a could-not-check included, is an error; a failure that a waiver
 * accepts comes as an aborted test and is waived. A container that fails
 * (a spec class that cannot be created) gives each of its checks its error; an engine that cannot
 * run at all (a discovery mistake) is a discovery error, and the cycle is incomplete.
 */
final class ResultListener implements TestExecutionListener, LauncherDiscoveryListener {

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, CheckResult> results = new ConcurrentHashMap<>();
    private final Map<String, List<BackupAge>> backupAges = new ConcurrentHashMap<>();
    private final List<String> discoveryErrors = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean complete = true;
    private volatile TestPlan plan;

    @Override
    public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
        if (issue.severity().compareTo(DiscoveryIssue.Severity.ERROR) >= 0) {
            discoveryErrors.add(issue.message() + issue.source().map(source -> " (" + describe(source) + ")").orElse(""));
        }
    }

    @Override
    public void engineDiscoveryFinished(UniqueId engineId, EngineDiscoveryResult result) {
        if (result.getStatus() == EngineDiscoveryResult.Status.FAILED) {
            complete = false;
            discoveryErrors.add("Engine " + engineId + " could not discover its tests: "
                    + result.getThrowable().map(ResultListener::message).orElse("no reason given"));
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        started.put(identifier.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        for (TestIdentifier test : testsAtOrBelow(identifier)) {
            results.putIfAbsent(test.getUniqueId(), result(test, Result.SKIPPED, reason == null ? "" : reason, false));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        String value = entry.getKeyValuePairs().get(BackupAge.REPORT_KEY);
        if (value != null) {
            BackupAge.parse(value).ifPresent(age -> backupAges
                    .computeIfAbsent(identifier.getUniqueId(), id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(age));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult outcome) {
        Optional<Throwable> thrown = outcome.getThrowable();
        if (identifier.isTest()) {
            Result result = switch (outcome.getStatus()) {
                case SUCCESSFUL -> Result.PASS;
                case ABORTED -> thrown.filter(ResultListener::waived).isPresent() ? Result.WAIVED : Result.SKIPPED;
                case FAILED -> thrown.filter(AssertionError.class::isInstance).isPresent() ? Result.FAIL : Result.ERROR;
            };
            results.put(identifier.getUniqueId(), result(identifier, result, thrown.map(ResultListener::message).orElse(""),
                    thrown.filter(ResultListener::couldNotCheck).isPresent()));
            return;
        }
        if (outcome.getStatus() != TestExecutionResult.Status.FAILED) {
            return;
        }
        String message = thrown.map(ResultListener::message).orElse("failed");
        if (identifier.getParentId().isEmpty()) {
            complete = false;
            if (discoveryErrors.isEmpty()) { // else the engine fails for the mistakes already listed
                discoveryErrors.add("Engine " + identifier.getDisplayName() + " could not run: " + message);
            }
            return;
        }
        for (TestIdentifier test : testsAtOrBelow(identifier)) {
            results.putIfAbsent(test.getUniqueId(), result(test, Result.ERROR, message,
                    thrown.filter(ResultListener::couldNotCheck).isPresent()));
        }
    }

    List<CheckResult> results() {
        Map<CheckKey, CheckResult> byKey = new LinkedHashMap<>();
        results.forEach((id, result) -> {
            List<BackupAge> ages = backupAges.getOrDefault(id, List.of());
            byKey.put(result.key(), ages.isEmpty() ? result : new CheckResult(result.key(), result.result(), result.message(),
                    result.couldNotCheck(), result.duration(), result.tags(), ages));
        });
        return List.copyOf(byKey.values());
    }

    List<String> discoveryErrors() {
        synchronized (discoveryErrors) {
            return List.copyOf(discoveryErrors);
        }
    }

    boolean complete() {
        return complete;
    }

    private List<TestIdentifier> testsAtOrBelow(TestIdentifier identifier) {
        if (identifier.isTest()) {
            return List.of(identifier);
        }
        TestPlan current = plan;
        return current == null ? List.of() : current.getDescendants(identifier).stream().filter(TestIdentifier::isTest).toList();
    }

    private CheckResult result(TestIdentifier identifier, Result result, String message, boolean couldNotCheck) {
        Long start = started.get(identifier.getUniqueId());
        Duration duration = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        Set<String> tags = identifier.getTags().stream().map(tag -> tag.getName()).collect(Collectors.toSet());
        return new CheckResult(key(identifier), result, message, couldNotCheck, duration, tags, List.of());
    }

    /** The spec and check from the node's source, the host from its unique id's {@code host} segment. */
    static CheckKey key(TestIdentifier identifier) {
        UniqueId id = identifier.getUniqueIdObject();
        String host = id.getLastSegment().getType().equals("host") ? id.getLastSegment().getValue() : "";
        Optional<TestSource> source = identifier.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            return new CheckKey(method.getClassName(), method.getMethodName(), host);
        }
        if (source.isPresent() && source.get() instanceof ClassSource type) {
            return new CheckKey(type.getClassName(), identifier.getDisplayName(), host);
        }
        return new CheckKey(id.getSegments().get(0).getValue(), identifier.getDisplayName(), host);
    }

    private static String describe(TestSource source) {
        if (source instanceof MethodSource method) {
            return method.getClassName() + "#" + method.getMethodName();
        }
        if (source instanceof ClassSource type) {
            return type.getClassName();
        }
        return source.toString();
    }

    private static String message(Throwable thrown) {
        String message = thrown.getMessage();
        return message == null || message.isBlank() ? thrown.getClass().getName() : message.strip();
    }

    private static boolean couldNotCheck(Throwable thrown) {
        return isA(thrown, "dev.infrajunit.CouldNotCheckException");
    }

    private static boolean waived(Throwable thrown) {
        return isA(thrown, "dev.infrajunit.WaivedCheckException");
    }

    /** By name, so that a spec class path that brings its own copy of the API is understood too. */
    private static boolean isA(Throwable thrown, String className) {
        for (Class<?> type = thrown.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}

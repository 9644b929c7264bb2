package dev.infrajunit.engine.report;

import dev.infrajunit.engine.config.InfraConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the HTML report of every run that has infra-junit checks ({@code index.html} in
 * {@link InfraConfiguration#REPORT_DIR}), whichever launcher ran it: registered through the
 * Platform's ServiceLoader, so Maven, IDEs and the ConsoleLauncher need no setup.
 * {@link InfraConfiguration#REPORT_ENABLED}{@code =false} turns it off.
 */
public final class HtmlReportListener implements TestExecutionListener {

    private final PrintStream out;
    private volatile TestPlan plan;
    private volatile Path directory;
    private volatile Instant started;
    private final Map<String, List<Map<String, String>>> entries = new ConcurrentHashMap<>();
    /** Each check's place in the plan: hosts and checks are shown in the order of the specs and the environment file. */
    private final Map<String, Integer> order = new ConcurrentHashMap<>();
    private final List<CheckResult> results = new ArrayList<>();

    public HtmlReportListener() {
        this(System.out);
    }

    HtmlReportListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        InfraConfiguration configuration = InfraTestIdentifiers.configuration(testPlan);
        if (configuration.reportEnabled() && InfraTestIdentifiers.hasChecks(testPlan)) {
            plan = testPlan;
            directory = configuration.reportDirectory();
            started = Instant.now();
            testPlan.getRoots().forEach(root -> number(testPlan, root));
        }
    }

    private void number(TestPlan testPlan, TestIdentifier node) {
        order.put(node.getUniqueId(), order.size());
        testPlan.getChildren(node).forEach(child -> number(testPlan, child));
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        if (plan != null && InfraTestIdentifiers.isCheck(identifier)) {
            entries.computeIfAbsent(identifier.getUniqueId(), id -> new ArrayList<>()).add(entry.getKeyValuePairs());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (plan == null || !InfraTestIdentifiers.isInfra(identifier)) {
            return;
        }
        if (identifier.isTest()) {
            add(identifier, CheckResult.Status.SKIPPED, reason);
        } else {
            // a skipped class or check skips every node below it, which get no events of their own
            plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> add(test, CheckResult.Status.SKIPPED, reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (plan == null || !InfraTestIdentifiers.isCheck(identifier)) {
            return;
        }
        Throwable thrown = result.getThrowable().orElse(null);
        String message = thrown == null ? "" : String.valueOf(thrown.getMessage());
        CheckResult.Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> CheckResult.Status.PASSED;
            case FAILED -> thrown instanceof AssertionError ? CheckResult.Status.FAILED : CheckResult.Status.COULD_NOT_CHECK;
            case ABORTED -> CheckResult.Status.COULD_NOT_CHECK;
        };
        add(identifier, status, message);
    }

    private void add(TestIdentifier identifier, CheckResult.Status status, String message) {
        String check = InfraTestIdentifiers.host(identifier).isPresent()
                ? plan.getParent(identifier).map(TestIdentifier::getDisplayName).orElse("")
                : identifier.getDisplayName();
        List<Map<String, String>> commands = new ArrayList<>();
        List<Map<String, String>> reported = new ArrayList<>();
        for (Map<String, String> entry : entries.getOrDefault(identifier.getUniqueId(), List.of())) {
            (entry.containsKey("command") && entry.containsKey("exitStatus") ? commands : reported).add(entry);
        }
        CheckResult checkResult = new CheckResult(order.getOrDefault(identifier.getUniqueId(), Integer.MAX_VALUE),InfraTestIdentifiers.spec(identifier), check,
                InfraTestIdentifiers.host(identifier).orElse(""), status, message, commands, reported);
        synchronized (results) {
            results.add(checkResult);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (plan == null) {
            return;
        }
        List<CheckResult> all;
        synchronized (results) {
            all = new ArrayList<>(results);
        }
        String environment = testPlan.getConfigurationParameters().get(InfraConfiguration.ENVIRONMENT).orElse("(none)");
        Path file = directory.resolve("index.html");
        try {
            // with the other runs of the build (Surefire runs each spec class on its own, in several JVMs at once)
            StoredRuns.store(directory, new StoredRuns.Run(environment, started, Instant.now(), all), build -> {
                String html = HtmlReport.render(build.results(), build.environment(), build.finished(),
                        Duration.between(build.started(), build.finished()));
                try {
                    Path written = Files.writeString(directory.resolve("index.html.tmp"), html, StandardCharsets.UTF_8);
                    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw cannotWrite(file, e);
        } catch (UncheckedIOException e) {
            throw cannotWrite(file, e.getCause());
        } finally {
            plan = null;
            entries.clear();
            order.clear();
            synchronized (results) {
                results.clear();
            }
        }
        out.println("infra-junit report: " + file.toAbsolutePath().toUri());
    }

    private static UncheckedIOException cannotWrite(Path file, IOException e) {
        return new UncheckedIOException("Could not write the infra-junit report to " + file + " (" + e.getMessage()
                + "); set " + InfraConfiguration.REPORT_DIR + " to a writable directory, or "
                + InfraConfiguration.REPORT_ENABLED + "=false", e);
    }
}

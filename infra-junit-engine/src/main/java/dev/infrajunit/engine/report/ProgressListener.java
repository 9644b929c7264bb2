package dev.infrajunit.engine.report;

import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.engine.config.InfraConfiguration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * A one-line summary of a long run, so a run over thousands of hosts shows that it moves: once the
 * run has taken 10 s, every 5 s,
 * {@code infra-junit: 812/2000 checks done, 3 failed, 1 could not check, 45 s elapsed}.
 * {@link InfraConfiguration#PROGRESS_ENABLED}{@code =false} turns it off.
 */
public final class ProgressListener implements TestExecutionListener {

    private final PrintStream out;
    private final Duration after;
    private final Duration every;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger couldNotCheck = new AtomicInteger();
    private volatile ScheduledExecutorService timer;
    private volatile TestPlan plan;
    private volatile long total;
    private volatile long startedNanos;

    public ProgressListener() {
        this(System.out, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    ProgressListener(PrintStream out, Duration after, Duration every) {
        this.out = out;
        this.after = after;
        this.every = every;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!InfraTestIdentifiers.configuration(plan).progressEnabled() || !InfraTestIdentifiers.hasChecks(plan)) {
            return;
        }
        this.plan = plan;
        total = plan.countTestIdentifiers(InfraTestIdentifiers::isCheck);
        done.set(0);
        failed.set(0);
        couldNotCheck.set(0);
        startedNanos = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("infra-junit-progress"));
        timer.scheduleAtFixedRate(() -> out.println(line()), after.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (timer != null && InfraTestIdentifiers.isInfra(identifier)) {
            // a skipped class or check skips every node below it, which get no events of their own
            done.addAndGet(identifier.isTest() ? 1 : (int) plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count());
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (timer == null || !InfraTestIdentifiers.isCheck(identifier)) {
            return;
        }
        done.incrementAndGet();
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            (result.getThrowable().orElse(null) instanceof AssertionError ? failed : couldNotCheck).incrementAndGet();
        } else if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            couldNotCheck.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        ScheduledExecutorService running = timer;
        if (running != null) {
            running.shutdownNow();
            timer = null;
        }
    }

    String line() {
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        return "infra-junit: " + done.get() + "/" + total + " checks done, " + failed.get() + " failed, " + couldNotCheck.get()
                + " could not check, " + elapsed + " s elapsed";
    }
}

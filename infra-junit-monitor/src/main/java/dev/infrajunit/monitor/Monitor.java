package dev.infrajunit.monitor;

import dev.infrajunit.monitor.alert.Alert;
import dev.infrajunit.monitor.alert.Alertmanager;
import dev.infrajunit.monitor.alert.Alerts;
import dev.infrajunit.monitor.http.MonitorMetrics;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.CycleRunner;
import dev.infrajunit.monitor.state.Cycles;
import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.StateFile;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.CancellationToken;

/**
 * The monitor's loop: a cycle, its state folded in and saved, exporters told; then a wait until the
 * interval is over. Cycles never overlap: one that overruns the interval is followed at once by the
 * next, and counted. {@link #stop()} ends the wait or cancels the running cycle, whose partial
 * results are dropped: the state file keeps the last completed cycle.
 */
public final class Monitor {

    private final CycleRunner runner;
    private final Cycles cycles;
    private final StateFile stateFile;
    private final MonitorMetrics metrics;
    private final List<Alertmanager> alertmanagers;
    private final String environment;
    private final Duration interval;
    private final Clock clock;
    private final PrintStream log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile CancellationToken running = CancellationToken.disabled();
    private volatile MonitorState state;

    public Monitor(CycleRunner runner, Cycles cycles, StateFile stateFile, MonitorState initial, MonitorMetrics metrics,
                   List<Alertmanager> alertmanagers, String environment, Duration interval, Clock clock, PrintStream log) {
        this.runner = runner;
        this.cycles = cycles;
        this.stateFile = stateFile;
        this.state = initial;
        this.metrics = metrics;
        this.alertmanagers = List.copyOf(alertmanagers);
        this.environment = environment;
        this.interval = interval;
        this.clock = clock;
        this.log = log;
    }

    /** The state of the last completed cycle. */
    public MonitorState state() {
        return state;
    }

    /** Runs cycles until {@link #stop()}. */
    public void run() {
        try {
            while (stopped.getCount() > 0) {
                Instant start = clock.instant();
                cycle();
                if (stopped.getCount() == 0) {
                    break; // a cycle cut short is neither completed nor an overrun
                }
                Duration took = Duration.between(start, clock.instant());
                if (took.compareTo(interval) > 0) {
                    metrics.cycleOverran();
                    log.println("The cycle took " + took.toMillis() / 1000.0 + " s, longer than the interval of "
                            + interval.toMillis() / 1000.0 + " s; the next starts now");
                    continue;
                }
                if (stopped.await(interval.minus(took).toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /**
     * Runs one cycle and folds it in.
     *
     * @return its results; empty results when the monitor was stopped during it
     */
    public CycleResults cycle() {
        CancellationToken token = CancellationToken.create();
        running = token;
        if (stopped.getCount() == 0) {
            token.cancel();
        }
        CycleResults results = runner.run(token);
        if (token.isCancellationRequested()) {
            return results;
        }
        MonitorState before = state;
        MonitorState after = cycles.apply(before, results);
        try {
            stateFile.save(after);
        } catch (IOException e) {
            log.println("WARNING: could not save the state to " + stateFile.path() + ": " + e
                    + "; a restart would begin from the state saved before");
        }
        state = after;
        metrics.publish(after);
        alert(before, after);
        return results;
    }

    private void alert(MonitorState before, MonitorState after) {
        if (alertmanagers.isEmpty()) {
            return;
        }
        List<Alert> firing = Alerts.firing(after, environment);
        List<Alert> resolved = Alerts.resolved(Alerts.firing(before, environment), firing);
        // a firing alert holds for a few intervals, so that one lost post does not resolve it
        Duration validFor = interval.multipliedBy(4).compareTo(Duration.ofMinutes(5)) > 0 ? interval.multipliedBy(4) : Duration.ofMinutes(5);
        for (Alertmanager alertmanager : alertmanagers) {
            try {
                alertmanager.send(firing, resolved, clock.instant(), validFor);
            } catch (IOException e) {
                log.println("WARNING: " + e.getMessage());
            }
        }
    }

    /** Ends the wait, or cancels the running cycle; returns whether the loop ended within the timeout. */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopped.countDown();
        running.cancel();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

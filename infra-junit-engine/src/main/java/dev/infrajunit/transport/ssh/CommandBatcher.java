package dev.infrajunit.transport.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers the commands one host is asked for within a short window into one batch: the first
 * command opens the window, those that come before it closes join it, and the batch is then run
 * off the callers' threads. A host's checks run close together, so the commands they start with
 * arrive within a few milliseconds and travel as one script; a window of zero sends each command
 * on its own.
 */
final class CommandBatcher {

    private final long windowNanos;
    private final ScheduledExecutorService alarms;
    private final ExecutorService runners;
    private final Consumer<List<QueuedCommand>> run;
    private List<QueuedCommand> gathering;

    CommandBatcher(long windowNanos, ScheduledExecutorService alarms, ExecutorService runners, Consumer<List<QueuedCommand>> run) {
        this.windowNanos = windowNanos;
        this.alarms = alarms;
        this.runners = runners;
        this.run = run;
    }

    void add(QueuedCommand queued) {
        if (windowNanos <= 0) {
            dispatch(List.of(queued));
            return;
        }
        synchronized (this) {
            if (gathering == null) {
                List<QueuedCommand> batch = new ArrayList<>();
                gathering = batch;
                try {
                    alarms.schedule(() -> close(batch), windowNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    gathering = null;
                    dispatch(List.of(queued));
                    return;
                }
            }
            gathering.add(queued);
        }
    }

    private void close(List<QueuedCommand> batch) {
        synchronized (this) {
            if (gathering == batch) {
                gathering = null;
            }
        }
        dispatch(List.copyOf(batch));
    }

    private void dispatch(List<QueuedCommand> batch) {
        try {
            runners.execute(() -> run.accept(batch));
        } catch (RejectedExecutionException e) {
            // the run is over: the run's end fails them
            run.accept(batch);
        }
    }
}

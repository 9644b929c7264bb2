package dev.infrajunit.transport.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Gathers the commands one host is asked for at about the same moment into one batch, run off the
 * callers' threads. The first command opens a short window and those that come before it closes
 * join it. When the run says how many of the host's checks are left, the batch does not wait for
 * the window to end once every one of them is waiting for a command: nobody is left to join. So a
 * host's checks, which run close together, send the commands they start with as one script, and a
 * check that runs alone waits for nobody. A window of zero sends each command on its own.
 */
final class CommandBatcher {

    /** The run does not say how many checks are left: only the window closes a batch. */
    static final IntSupplier UNKNOWN = () -> -1;

    private final long windowNanos;
    private final ScheduledExecutorService alarms;
    private final ExecutorService runners;
    private final Consumer<List<QueuedCommand>> run;
    private IntSupplier checksLeft = UNKNOWN;
    private List<QueuedCommand> gathering;
    /** Callers waiting for a command of this host, in a batch that is gathering or running. */
    private int waiting;

    CommandBatcher(long windowNanos, ScheduledExecutorService alarms, ExecutorService runners, Consumer<List<QueuedCommand>> run) {
        this.windowNanos = windowNanos;
        this.alarms = alarms;
        this.runners = runners;
        this.run = run;
    }

    /** How many of the host's checks of the run have not finished, or a negative number where unknown. */
    synchronized void checksLeft(IntSupplier left) {
        this.checksLeft = left;
    }

    /** A caller waits for this command until {@link #answered()}. */
    void add(QueuedCommand queued) {
        if (windowNanos <= 0) {
            synchronized (this) {
                waiting++;
            }
            dispatch(List.of(queued));
            return;
        }
        List<QueuedCommand> full;
        synchronized (this) {
            waiting++;
            if (gathering == null) {
                List<QueuedCommand> batch = new ArrayList<>();
                gathering = batch;
                try {
                    alarms.schedule(() -> close(batch), windowNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // the run is over: the batch fails at once
                    gathering = null;
                    dispatch(List.of(queued));
                    return;
                }
            }
            gathering.add(queued);
            full = everyoneWaits();
        }
        if (full != null) {
            dispatch(full);
        }
    }

    /** A caller has its answer. */
    synchronized void answered() {
        waiting--;
    }

    /** One of the host's checks finished: the others may all be waiting now. */
    void checkFinished() {
        List<QueuedCommand> full;
        synchronized (this) {
            full = everyoneWaits();
        }
        if (full != null) {
            dispatch(full);
        }
    }

    /** The gathering batch, taken, if no check of the host is left that could still join it. */
    private List<QueuedCommand> everyoneWaits() {
        int left = checksLeft.getAsInt();
        if (gathering != null && left >= 0 && waiting >= left) {
            List<QueuedCommand> batch = List.copyOf(gathering);
            gathering = null;
            return batch;
        }
        return null;
    }

    private void close(List<QueuedCommand> batch) {
        synchronized (this) {
            if (gathering != batch) {
                // taken already, when everyone waited
                return;
            }
            gathering = null;
        }
        dispatch(List.copyOf(batch));
    }

    private void dispatch(List<QueuedCommand> batch) {
        try {
            runners.execute(() -> run.accept(batch));
        } catch (RejectedExecutionException e) {
            // the run is over: running it here fails each command at once, saying so
            run.accept(batch);
        }
    }
}

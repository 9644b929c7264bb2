package dev.infrajunit.transport.ssh;

import dev.infrajunit.concurrent.ThreadLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Gathers the commands one host is asked for at about the same moment into one batch, run off the
 * callers' threads. Where the run says how many of the host's checks have not finished, the batch
 * leaves as soon as every one of them waits (for a command, or for a fact another one fetches):
 * nobody is left to join. A host's checks start one after another as workers come free, so until
 * then it waits, but never longer than {@value #LONGEST_IN_WINDOWS} windows. Where the run does
 * not say, the batch leaves once no command has joined for one window, again at most
 * {@value #LONGEST_IN_WINDOWS} windows after the first. A window of zero sends each command on its
 * own.
 */
final class CommandBatcher {

    /** The run does not say how many checks are left: only the window closes a batch. */
    static final IntSupplier UNKNOWN = () -> -1;
    /** The longest a batch gathers, in windows. */
    static final int LONGEST_IN_WINDOWS = 10;

    private final long windowNanos;
    private final ScheduledExecutorService alarms;
    private final ExecutorService runners;
    private final Consumer<List<QueuedCommand>> run;
    private IntSupplier checksLeft = UNKNOWN;
    private List<QueuedCommand> gathering;
    private long gatheringSince;
    private ScheduledFuture<?> closing;
    /** Callers waiting for a command of this host, in a batch that is gathering or running, or for a fact. */
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
            long now = System.nanoTime();
            if (gathering == null) {
                gathering = new ArrayList<>();
                gatheringSince = now;
            } else {
                closing.cancel(false);
            }
            List<QueuedCommand> batch = gathering;
            batch.add(queued);
            full = everyoneWaits();
            if (full == null) {
                long longest = gatheringSince + LONGEST_IN_WINDOWS * windowNanos;
                long until = checksLeft.getAsInt() >= 0 ? longest : Math.min(now + windowNanos, longest);
                try {
                    closing = alarms.schedule(() -> close(batch), Math.max(0, until - now), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // the run is over: the batch fails at once
                    gathering = null;
                    full = List.copyOf(batch);
                }
            }
        }
        if (full != null) {
            dispatch(full);
        }
    }

    /** A caller has its answer. */
    synchronized void answered() {
        waiting--;
    }

    /** A check of the host waits for a fact that another one is fetching (+1), or has it (-1). */
    void waitingForFact(int change) {
        sendIfEveryoneWaits(change);
    }

    /** One of the host's checks finished: the others may all be waiting now. */
    void checkFinished() {
        sendIfEveryoneWaits(0);
    }

    private void sendIfEveryoneWaits(int waitingChange) {
        List<QueuedCommand> full;
        synchronized (this) {
            waiting += waitingChange;
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
            if (closing != null) {
                closing.cancel(false);
            }
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
            ThreadLimit.retrying(() -> {
                runners.execute(() -> run.accept(batch));
                return null;
            });
        } catch (RejectedExecutionException e) {
            // the run is over: running it here fails each command at once, saying so
            run.accept(batch);
        } catch (OutOfMemoryError e) {
            if (!ThreadLimit.reached(e)) {
                throw e;
            }
            batch.forEach(queued -> queued.failForLackOfThreads(e));
        }
    }
}

package dev.infrajunit.engine.execution;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.concurrent.ThreadLimit;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The threads the checks of one run are called on: about as many as checks run at once, and all
 * stopped when the run ends, so no thread of a run outlives it. When the JVM cannot start another
 * thread (the process's limit, {@code ulimit -u} or a container's pids limit, is reached), it is
 * tried again for a moment, as other checks end; then the check that needed it cannot be checked,
 * and the run goes on.
 */
public final class CheckThreads implements AutoCloseable {

    /** How long the end of a run waits for a check abandoned at its timeout to notice its interrupt. */
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final ExecutorService pool = DaemonThreads.pool("infra-check");

    /** Starts a check's call on a thread of its own. */
    <T> Future<T> start(String subject, String check, Callable<T> call) {
        try {
            return ThreadLimit.retrying(() -> pool.submit(call));
        } catch (OutOfMemoryError e) {
            if (!ThreadLimit.reached(e)) {
                throw e;
            }
            throw noThread(subject, check, e);
        } catch (RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                throw noThread(subject, check, e);
            }
            throw new CouldNotCheckException(subject, "check " + check + " was not started: the run is over", e);
        }
    }

    private static CouldNotCheckException noThread(String subject, String check, Throwable cause) {
        return new CouldNotCheckException(subject, "could not start a thread for check " + check + " (" + cause.getMessage()
                + "): " + ThreadLimit.ADVICE, cause);
    }

    /** Interrupts what still runs and waits a moment for it to end. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

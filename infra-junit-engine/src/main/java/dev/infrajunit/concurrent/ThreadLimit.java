package dev.infrajunit.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The process's limit on threads ({@code ulimit -u}, or a container's or cgroup's pids limit): at
 * it, starting a thread fails with an {@link OutOfMemoryError} ("unable to create native thread").
 * That is a moment of the whole process, not a fault of the host being checked, and threads of a run
 * end all the time (a check finishes, a host's connection closes), so a start that fails is tried
 * again for a short while before the work that needed the thread is given up.
 */
public final class ThreadLimit {

    /** What to do about it, as every message that reports it says. */
    public static final String ADVICE = "the process reached its thread limit (ulimit -u, or a container's pids limit):"
            + " lower infra.parallelism or raise the limit";

    /** How long a failed start is tried again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Thread starts refused so far in this process. */
    private static final AtomicLong REFUSALS = new AtomicLong();

    private ThreadLimit() {
    }

    /** How many thread starts were refused so far: work that starts threads can slow down when it grows. */
    public static long refusals() {
        return REFUSALS.get();
    }

    /** Counts a thread start that was refused and not tried again. */
    public static void refused() {
        REFUSALS.incrementAndGet();
    }

    /** Whether {@code failure}, or one of its causes, is a thread that could not be started. */
    public static boolean reached(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError && String.valueOf(t.getMessage()).contains("native thread")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code start}, which starts a thread, again while it fails for lack of threads, for at most
     * a short while and never past {@code deadline} ({@link System#nanoTime()}); then lets the last
     * failure through. Other failures, and an interrupt, end the attempts at once.
     */
    public static <T> T retrying(Supplier<T> start, long deadline) {
        long shortWhile = System.nanoTime() + RETRY_NANOS;
        long until = deadline - shortWhile < 0 ? deadline : shortWhile;
        long pause = TimeUnit.MILLISECONDS.toNanos(5);
        while (true) {
            try {
                return start.get();
            } catch (OutOfMemoryError e) {
                if (!reached(e)) {
                    throw e;
                }
                refused();
                if (System.nanoTime() + pause - until > 0) {
                    throw e;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            }
        }
    }

    /** {@link #retrying(Supplier, long)} with no deadline but the short while. */
    public static <T> T retrying(Supplier<T> start) {
        return retrying(start, System.nanoTime() + RETRY_NANOS);
    }
}

package dev.infrajunit.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's background threads: daemons, so that a forgotten stream, a check abandoned at its
 * timeout or a timer never keeps the JVM alive, each named after what it does.
 */
public final class DaemonThreads {

    /** Drain the output of local commands. */
    public static final ExecutorService OUTPUT_READERS = pool("infra-output-reader");

    /** How long a pooled thread waits idle for more work before it ends. */
    private static final long IDLE_SECONDS = 1;

    private DaemonThreads() {
    }

    /**
     * Threads made as needed and reused while work keeps coming. An idle thread still counts against
     * the process's thread limit ({@code ulimit -u}, a container's pids limit), so it ends after a
     * second without work rather than a minute.
     */
    public static ExecutorService pool(String prefix) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory(prefix));
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

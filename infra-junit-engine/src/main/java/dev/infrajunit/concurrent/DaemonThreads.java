package dev.infrajunit.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's background threads: daemons, so that a forgotten stream, a check abandoned at its
 * timeout or a timer never keeps the JVM alive, each named after what it does.
 */
public final class DaemonThreads {

    /** Drain the output of local commands. */
    public static final ExecutorService OUTPUT_READERS = Executors.newCachedThreadPool(factory("infra-output-reader"));

    private DaemonThreads() {
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

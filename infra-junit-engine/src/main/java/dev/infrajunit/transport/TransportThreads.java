package dev.infrajunit.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads that drain command output, so a forgotten stream never keeps the JVM alive. */
final class TransportThreads {

    static final ExecutorService READERS = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "infra-output-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private TransportThreads() {
    }
}

package dev.infrajunit.engine;

import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.engine.descriptor.HostCheckDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.Node.ExecutionMode;
import org.junit.platform.engine.support.hierarchical.ResourceLock;

/**
 * The executor for parallel runs: {@code infra.parallelism} worker threads run the checks, host by
 * host. A spec's checks come method by method, each with all of its hosts; run in that order, every
 * host would stay connected until the last method reached it. Here the checks waiting to run are
 * ordered by host instead (in the order the hosts were first met, plain checks first), so a host's
 * checks run close together, its last check finishes early and its connection can close, and the
 * number of connections open at once follows the parallelism, not the fleet.
 *
 * <p>Containers (the engine, spec classes, check methods) only wait for their children; each waits
 * on a thread of its own, so a worker never waits for another task and the workers cannot all end
 * up waiting. While a container that has started has not yet handed over its children, workers
 * wait a moment before they take a check, so that the checks of the first host are all queued
 * before the second host's are taken.
 *
 * <p>At the process's thread limit ({@code ulimit -u}, a container's pids limit) the run goes on
 * with what it has: with the workers that could be started, fewer checks at once while the limit
 * keeps being reached, and a container whose thread cannot be started waits for its children on
 * its parent's thread.
 */
public final class HostOrderedExecutor implements HierarchicalTestExecutorService {

    /** A check waiting for a worker, ordered by host, then by when it was submitted. */
    private record Queued(int hostRank, long sequence, TestTask task, CompletableFuture<Void> done)
            implements Comparable<Queued> {

        @Override
        public int compareTo(Queued other) {
            int byHost = Integer.compare(hostRank, other.hostRank);
            return byHost != 0 ? byHost : Long.compare(sequence, other.sequence);
        }
    }

    /**
     * How many checks may run at once: {@code infra.parallelism}, halved (at most twice a second,
     * never below one) while the process keeps reaching its thread limit, since each running check
     * holds threads of its own and its host's connection.
     */
    private static final class Throttle extends Semaphore {

        private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

        private int limit;
        private long refusalsSeen = ThreadLimit.refusals();
        private long lastLowered = System.nanoTime() - PAUSE_NANOS;

        Throttle(int limit) {
            super(limit);
            this.limit = limit;
        }

        synchronized void lowerAtThreadLimit() {
            long refusals = ThreadLimit.refusals();
            if (refusals == refusalsSeen || limit == 1 || System.nanoTime() - lastLowered < PAUSE_NANOS) {
                return;
            }
            refusalsSeen = refusals;
            lastLowered = System.nanoTime();
            int lowered = Math.max(1, limit / 2);
            reducePermits(limit - lowered);
            limit = lowered;
            System.err.println("infra-junit: " + ThreadLimit.ADVICE + "; running at most " + limit
                    + (limit == 1 ? " check" : " checks") + " at once from now on");
        }
    }

    private static final Queued STOP = new Queued(Integer.MIN_VALUE, Long.MIN_VALUE, null, null);
    /** The longest a worker waits for containers to hand over their checks. */
    private static final long CONTAINER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Whether the container running on this thread has handed over its children (or finished). */
    private static final ThreadLocal<boolean[]> EXPANDED = new ThreadLocal<>();

    private final PriorityBlockingQueue<Queued> checks = new PriorityBlockingQueue<>();
    private final Map<String, Integer> hostRanks = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private final ExecutorService containers;
    private final AtomicInteger unexpandedContainers = new AtomicInteger();
    private final Throttle throttle;

    public HostOrderedExecutor(int parallelism) {
        containers = DaemonThreads.pool("infra-container");
        throttle = new Throttle(parallelism);
        for (int i = 1; i <= parallelism; i++) {
            String name = "infra-worker-" + i;
            try {
                workers.add(ThreadLimit.retrying(() -> startWorker(name)));
            } catch (OutOfMemoryError e) {
                if (!ThreadLimit.reached(e)) {
                    throw e;
                }
                if (workers.isEmpty()) {
                    throw new IllegalStateException("infra-junit could not start a worker thread (" + e.getMessage() + "); "
                            + ThreadLimit.ADVICE, e);
                }
                // fewer workers check fewer hosts at once, and still every one of them
                System.err.println("infra-junit: only " + workers.size() + " of " + parallelism + " worker threads could be"
                        + " started (" + e.getMessage() + "); " + ThreadLimit.ADVICE);
                break;
            }
        }
    }

    private Thread startWorker(String name) {
        Thread worker = new Thread(this::work, name);
        worker.setDaemon(true);
        worker.start();
        return worker;
    }

    @Override
    public Future<Void> submit(TestTask task) {
        return start(task);
    }

    @Override
    public void invokeAll(List<? extends TestTask> tasks) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        boolean[] expanded = EXPANDED.get();
        List<TestTask> inThisThread = new ArrayList<>();
        for (TestTask task : tasks) {
            if (task.getExecutionMode() == ExecutionMode.SAME_THREAD) {
                inThisThread.add(task);
            } else {
                started.add(start(task));
            }
        }
        if (expanded != null && !expanded[0]) {
            expanded[0] = true;
            unexpandedContainers.decrementAndGet();
        }
        inThisThread.forEach(HostOrderedExecutor::run);
        for (CompletableFuture<Void> future : started) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // a task reports its own outcome; what escapes it is the engine's to see
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private CompletableFuture<Void> start(TestTask task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        TestDescriptor descriptor = task.getTestDescriptor();
        if (descriptor.isContainer()) {
            unexpandedContainers.incrementAndGet();
            try {
                ThreadLimit.retrying(() -> {
                    containers.execute(() -> runContainer(task, done));
                    return done;
                });
            } catch (OutOfMemoryError e) {
                if (!ThreadLimit.reached(e)) {
                    throw e;
                }
                // at the process's thread limit: the container waits for its children on this thread instead
                runContainer(task, done);
            }
        } else {
            int rank = descriptor instanceof HostCheckDescriptor host
                    ? hostRanks.computeIfAbsent(host.hostName(), name -> hostRanks.size()) : -1;
            checks.add(new Queued(rank, sequence.getAndIncrement(), task, done));
        }
        return done;
    }

    private void runContainer(TestTask task, CompletableFuture<Void> done) {
        boolean[] outer = EXPANDED.get();
        boolean[] expanded = {false};
        EXPANDED.set(expanded);
        try {
            runInto(task, done);
        } finally {
            if (outer == null) {
                EXPANDED.remove();
            } else {
                EXPANDED.set(outer);
            }
            if (!expanded[0]) {
                unexpandedContainers.decrementAndGet();
            }
        }
    }

    private void work() {
        while (true) {
            Queued next;
            try {
                next = checks.take();
                if (next != STOP && unexpandedContainers.get() > 0) {
                    // a container about to hand over its checks may have one that goes first
                    checks.add(next);
                    awaitContainers();
                    next = checks.take();
                }
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            throttle.acquireUninterruptibly();
            try {
                runInto(next.task(), next.done());
            } finally {
                throttle.lowerAtThreadLimit();
                throttle.release();
            }
        }
    }

    private void awaitContainers() {
        long until = System.nanoTime() + CONTAINER_WAIT_NANOS;
        while (unexpandedContainers.get() > 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void runInto(TestTask task, CompletableFuture<Void> done) {
        try {
            run(task);
            done.complete(null);
        } catch (Throwable t) {
            done.completeExceptionally(t);
        }
    }

    private static void run(TestTask task) {
        try (ResourceLock lock = task.getResourceLock().acquire()) {
            task.execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        workers.forEach(worker -> checks.add(STOP));
        containers.shutdownNow();
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

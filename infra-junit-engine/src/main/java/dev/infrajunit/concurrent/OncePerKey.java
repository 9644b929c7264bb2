package dev.infrajunit.concurrent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Values computed at most once per key, however many threads ask at the same time: the first
 * asker computes, the others wait for that result. The computation runs outside any lock, so it
 * may itself ask for another key (computeIfAbsent would refuse that as a recursive update). A
 * computation that fails is forgotten, so the next asker tries again rather than repeating an old
 * error; one whose asker was interrupted half-way is computed again by those waiting for it.
 */
public final class OncePerKey<V> {

    private final Map<Object, Computation<V>> values = new ConcurrentHashMap<>();
    private final IntConsumer waitingForOther;

    public OncePerKey() {
        this(change -> {
        });
    }

    /** @param waitingForOther told +1 when an asker starts waiting for another's computation, -1 when it stops */
    public OncePerKey(IntConsumer waitingForOther) {
        this.waitingForOther = waitingForOther;
    }

    /** A value's computation, and when it began ({@link System#nanoTime()}). */
    private record Computation<V>(FutureTask<V> task, long began) {
    }

    /** The value of the key, computed now if nobody has yet. */
    public V get(Object key, Supplier<? extends V> compute) throws InterruptedException {
        return get(key, compute, value -> {
        });
    }

    /**
     * The value of the key as computed at or after {@code notBefore} ({@link System#nanoTime()}):
     * an older value is computed again, and the new one is what later askers get.
     */
    public V getFresh(Object key, Supplier<? extends V> compute, long notBefore) throws InterruptedException {
        return get(key, compute, value -> {
        }, notBefore);
    }

    /**
     * The value of the key, computed now if nobody has yet.
     *
     * @param computed told about a value just computed, before anyone else gets it
     */
    public V get(Object key, Supplier<? extends V> compute, Consumer<? super V> computed) throws InterruptedException {
        return get(key, compute, computed, Long.MIN_VALUE);
    }

    private V get(Object key, Supplier<? extends V> compute, Consumer<? super V> computed, long notBefore)
            throws InterruptedException {
        while (true) {
            FutureTask<V> task = new FutureTask<>(() -> {
                try {
                    V value = compute.get();
                    computed.accept(value);
                    return value;
                } catch (RuntimeException | Error e) {
                    // the asker was stopped (its check timed out): that is no answer for the others
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Abandoned(e);
                    }
                    throw e;
                }
            });
            Computation<V> mine = new Computation<>(task, System.nanoTime());
            Computation<V> found = values.putIfAbsent(key, mine);
            if (found != null && notBefore != Long.MIN_VALUE && found.began() - notBefore < 0) {
                // older than the asker accepts: replaced, unless another asker changed it meanwhile
                if (!values.replace(key, found, mine)) {
                    continue;
                }
                found = null;
            }
            FutureTask<V> existing = found == null ? null : found.task();
            Computation<V> computation = found == null ? mine : found;
            if (existing == null) {
                task.run();
            } else {
                waitingForOther.accept(1);
            }
            try {
                return computation.task().get();
            } catch (ExecutionException e) {
                values.remove(key, computation);
                Throwable cause = e.getCause();
                if (cause instanceof Abandoned abandoned) {
                    if (existing == null) {
                        throw unchecked(abandoned.getCause());
                    }
                    continue; // another asker was stopped half-way: compute it here
                }
                throw unchecked(cause);
            } finally {
                if (existing != null) {
                    waitingForOther.accept(-1);
                }
            }
        }
    }

    // A Supplier throws nothing checked: the cause is unchecked.
    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (RuntimeException) cause;
    }

    /** A computation whose asker was interrupted, carrying what it threw. */
    private static final class Abandoned extends RuntimeException {
        Abandoned(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    public void clear() {
        values.clear();
    }
}

package dev.infrajunit.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Values computed at most once per key, however many threads ask at the same time: the first
 * asker computes, the others wait for that result. The computation runs outside any lock, so it
 * may itself ask for another key (computeIfAbsent would refuse that as a recursive update). A
 * computation that fails is forgotten, so the next asker tries again rather than repeating an old
 * error.
 */
final class OncePerKey<V> {

    private final Map<Object, FutureTask<V>> values = new ConcurrentHashMap<>();

    /** The value of the key, computed now if nobody has yet. */
    V get(Object key, Supplier<? extends V> compute) throws InterruptedException {
        return get(key, compute, value -> {
        });
    }

    /**
     * The value of the key, computed now if nobody has yet.
     *
     * @param computed told about a value just computed, before anyone else gets it
     */
    V get(Object key, Supplier<? extends V> compute, Consumer<? super V> computed) throws InterruptedException {
        FutureTask<V> task = new FutureTask<>(() -> {
            V value = compute.get();
            computed.accept(value);
            return value;
        });
        FutureTask<V> existing = values.putIfAbsent(key, task);
        FutureTask<V> computation = existing == null ? task : existing;
        if (existing == null) {
            task.run();
        }
        try {
            return computation.get();
        } catch (ExecutionException e) {
            values.remove(key, computation);
            // A Supplier throws nothing checked: the cause is unchecked.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    void clear() {
        values.clear();
    }
}

package dev.infrajunit.runtime;

import java.util.OptionalLong;

/**
 * How fresh the facts a check reads must be. Facts are shared by all checks of a run, but an
 * attempt of an {@link dev.infrajunit.Eventually} check waits for the host to change: each of its
 * attempts after the first reads facts fetched no earlier than the attempt began, and what it
 * fetched is what the run's other checks then share.
 */
public final class FactFreshness {

    private static final ThreadLocal<Long> NOT_BEFORE = new ThreadLocal<>();

    private FactFreshness() {
    }

    /** Facts read on this thread from now on are fetched at or after {@code nanoTime} ({@link System#nanoTime()}). */
    public static void requireSince(long nanoTime) {
        NOT_BEFORE.set(nanoTime);
    }

    public static void clear() {
        NOT_BEFORE.remove();
    }

    /** Whether this thread needs facts fetched at or after a moment, and which. */
    static OptionalLong required() {
        Long since = NOT_BEFORE.get();
        return since == null ? OptionalLong.empty() : OptionalLong.of(since);
    }
}

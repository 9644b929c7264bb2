package dev.infrajunit.runtime;

import java.util.function.BiConsumer;

/**
 * Where {@link dev.infrajunit.Infra#report} publishes on a check's thread: the report entries of the
 * test node of the check that runs there. Closed when the check's call returns, so that a check
 * abandoned after its timeout cannot report on a node that has already finished.
 */
public final class CheckReport {

    private static final ThreadLocal<CheckReport> BOUND = new ThreadLocal<>();

    private final BiConsumer<String, String> publisher;
    private volatile boolean open = true;

    /** @param publisher publishes one key and value on the check's test node */
    public CheckReport(BiConsumer<String, String> publisher) {
        this.publisher = publisher;
    }

    /** Publishes on the report bound to this thread, if any and still open; else does nothing. */
    public static void publish(String key, String value) {
        CheckReport report = BOUND.get();
        if (report != null && report.open) {
            report.publisher.accept(key, value);
        }
    }

    /** Called on a check's thread before the check runs. */
    public void bind() {
        BOUND.set(this);
    }

    /** Called on a check's thread after the check ran. */
    public static void unbind() {
        BOUND.remove();
    }

    /** Called when the check's node is done: nothing is published after this. */
    public void close() {
        open = false;
    }
}

package dev.infrajunit.monitor.run;

import java.util.Locale;

/**
 * What one cycle found for one check on one host; {@link #counts()} says whether the state machine
 * treats it as an observation at all.
 */
public enum Result {
    /** The check passed. */
    PASS,
    /** An assertion failed: the infrastructure is not as specified. */
    FAIL,
    /** The check could not run: host unreachable, login refused, timeout, or any other exception. */
    ERROR,
    /** The check did not run (for example {@code @Disabled}); says nothing about the infrastructure. */
    SKIPPED,
    /** An assertion failed, and a waiver in the environment accepts that failure until it expires. */
    WAIVED;

    /** The name used in metrics, JSON and the state file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Result ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public boolean passed() {
        return this == PASS;
    }

    /** Whether the result moves the state machine; a skipped check leaves its state as it was. */
    public boolean counts() {
        return this != SKIPPED;
    }
}

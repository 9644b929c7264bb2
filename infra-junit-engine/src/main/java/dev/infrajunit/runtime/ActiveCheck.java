package dev.infrajunit.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * The check running on the current thread, as far as what it reports goes: the engine binds one
 * on a check's thread for as long as the check runs. Entries reported there reach the check's own
 * node as JUnit report entries (IDEs, Open Test Reporting, the HTML report).
 */
public final class ActiveCheck {

    /** Where a check's report entries go; nothing arrives once the check is over. */
    public interface Reporter {

        /** What the check itself reports ({@code Infra.report}). */
        void publish(Map<String, String> entry);

        /** A command the check ran; published like {@link #publish} unless the run says otherwise. */
        default void command(Map<String, String> entry) {
            publish(entry);
        }
    }

    private static final ThreadLocal<Reporter> BOUND = new ThreadLocal<>();

    private ActiveCheck() {
    }

    /** Called on a check's thread before the check runs. */
    public static void bind(Reporter reporter) {
        BOUND.set(reporter);
    }

    /** Called on a check's thread after the check ran. */
    public static void unbind() {
        BOUND.remove();
    }

    public static Optional<Reporter> current() {
        return Optional.ofNullable(BOUND.get());
    }
}

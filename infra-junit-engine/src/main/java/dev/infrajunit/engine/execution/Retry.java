package dev.infrajunit.engine.execution;

import dev.infrajunit.Durations;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@link dev.infrajunit.Eventually}: repeats an attempt until it stops failing assertions or the
 * timeout elapses. Errors that are not assertion failures (a host that cannot be reached) end the
 * retries at once: waiting would only hide them.
 */
public final class Retry {

    /** One attempt of the check. */
    @FunctionalInterface
    public interface Attempt {
        /** @param number 1 for the first attempt, then 2, 3, ... */
        void run(int number) throws Exception;
    }

    private final Duration timeout;
    private final Duration pollInterval;

    public Retry(Duration timeout, Duration pollInterval) {
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    public void run(Attempt attempt) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<AssertionError> last = new AtomicReference<>();
        long started = System.nanoTime();
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        int number = attempts.incrementAndGet();
                        try {
                            attempt.run(number);
                        } catch (AssertionError e) {
                            last.set(e);
                            throw e;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            AssertionError lastFailure = last.get();
            String summary = "still failing after " + Durations.format(Duration.ofNanos(System.nanoTime() - started))
                    + " and " + attempts.get() + " attempt" + (attempts.get() == 1 ? "" : "s")
                    + " (@Eventually timeout " + Durations.format(timeout) + ", poll interval "
                    + Durations.format(pollInterval) + ")";
            if (lastFailure == null) {
                throw new AssertionError("no attempt finished\n" + summary);
            }
            throw Failures.withMessage(lastFailure, lastFailure.getMessage() + "\n" + summary);
        }
    }
}

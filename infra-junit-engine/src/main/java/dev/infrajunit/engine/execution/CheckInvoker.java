package dev.infrajunit.engine.execution;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.InfraException;
import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.runtime.ActiveCheck;
import dev.infrajunit.runtime.ActiveEnvironment;
import dev.infrajunit.runtime.FactFreshness;
import dev.infrajunit.runtime.RunEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a check method on a fresh instance of its spec class, bounded by the check's timeout.
 * The call runs on its own daemon thread so that a check stuck in I/O is abandoned (and
 * interrupted) while the run goes on with the other hosts.
 */
public final class CheckInvoker {

    private CheckInvoker() {
    }

    /**
     * Invokes the check once.
     *
     * @param subject  who a could-not-check error is about: the host's name, or the check's name
     * @param timeout  how long the call may take
     * @param timeoutSource where the timeout was configured, for the message
     * @param run      the run the check belongs to: what {@link dev.infrajunit.Infra} answers on its thread
     * @param reporter where the check's report entries go
     * @param threads  the run's check threads
     * @param factsSince when facts the check reads must have been fetched, or empty when shared ones do
     */
    public static void invoke(Class<?> specClass, Method method, Object[] arguments, String subject, Duration timeout,
                              String timeoutSource, RunEnvironment run, ActiveCheck.Reporter reporter, CheckThreads threads,
                              OptionalLong factsSince) throws Exception {
        Future<?> call = threads.start(subject, method.getName(), () -> {
            // Bound to this thread, so a check abandoned after a timeout still sees its own (closed)
            // run after that run ends, instead of loading an environment of its own.
            ActiveEnvironment.bind(run);
            ActiveCheck.bind(reporter);
            factsSince.ifPresent(FactFreshness::requireSince);
            try {
                Object instance = instantiate(specClass);
                method.setAccessible(true);
                method.invoke(instance, arguments);
            } catch (InvocationTargetException e) {
                throw new ThrownByCheck(e.getCause());
            } finally {
                FactFreshness.clear();
                ActiveCheck.unbind();
                ActiveEnvironment.unbind();
            }
            return null;
        });
        try {
            call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new CouldNotCheckException(subject, "check " + method.getName() + " timed out after "
                    + Durations.format(timeout) + " (" + timeoutSource + "); raise it if the check is expected to take longer");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(subject, "check " + method.getName() + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw Rethrow.asException(cause instanceof ThrownByCheck thrown ? thrown.getCause() : cause);
        }
    }

    private static Object instantiate(Class<?> specClass) throws ReflectiveOperationException {
        var constructor = specClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new InfraException("Could not create " + specClass.getSimpleName() + ": its constructor threw "
                    + e.getCause(), e.getCause());
        }
    }

    /** Carries what the check itself threw through the executor, unwrapped again on the caller's side. */
    private static final class ThrownByCheck extends Exception {
        ThrownByCheck(Throwable cause) {
            super(cause);
        }
    }
}

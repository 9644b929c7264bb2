package dev.infrajunit.engine.execution;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.engine.config.InfraConfiguration;
import dev.infrajunit.runtime.RunEnvironment;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.platform.engine.TestDescriptor;

/**
 * How one check runs: its own timeout or the configured one, retried when it is
 * {@link dev.infrajunit.Eventually}, and its outcome worded so that every message names its subject.
 */
public final class CheckExecution {

    private final Optional<Duration> timeout;
    private final Optional<Retry> retry;

    /**
     * @param timeout from {@code @Check(timeout = ...)}, else {@code infra.check.timeout} applies
     * @param retry   from {@code @Eventually}
     */
    public CheckExecution(Optional<Duration> timeout, Optional<Retry> retry) {
        this.timeout = timeout;
        this.retry = retry;
    }

    /**
     * Runs the check against a subject (a host's name, or the check's own name for a plain check).
     * An {@link AssertionError} is a failed check; anything else means it could not check. What the
     * check reports while it runs (the commands it ran, {@link dev.infrajunit.Infra#report}) is
     * published for {@code node}.
     */
    public void run(Class<?> specClass, Method method, Object[] arguments, String subject, InfraExecutionContext context,
                    TestDescriptor node) throws Exception {
        RunEnvironment run = context.environment();
        try {
            runUnmasked(specClass, method, arguments, subject, context, node, run);
        } catch (Exception | AssertionError e) {
            // what is reported never shows a value of the environment's ${env:} and ${sys:} references
            throw Rethrow.asException(SecretMask.mask(e));
        } catch (OutOfMemoryError e) {
            // the process's thread limit: this check could not run, the run goes on with the others
            if (ThreadLimit.reached(e)) {
                ThreadLimit.refused();
                throw new CouldNotCheckException(subject, "could not start a thread (" + e.getMessage() + "): "
                        + ThreadLimit.ADVICE, e);
            }
            throw e;
        }
    }

    private void runUnmasked(Class<?> specClass, Method method, Object[] arguments, String subject,
                             InfraExecutionContext context, TestDescriptor node, RunEnvironment run) throws Exception {
        InfraConfiguration configuration = context.configuration();
        Duration limit = timeout.orElseGet(configuration::checkTimeout);
        String limitSource = timeout.isPresent() ? "@Check(timeout)" : InfraConfiguration.CHECK_TIMEOUT;
        boolean aboutHost = arguments.length == 1;
        try (NodeReporter reporter = new NodeReporter(context.listener(), node, configuration.commandReportEntries())) {
            CheckThreads threads = context.checkThreads();
            if (retry.isPresent()) {
                // a retry waits for the host to change: it reads facts fetched since it began
                retry.get().run(number -> CheckInvoker.invoke(specClass, method, arguments, subject, limit, limitSource, run,
                        reporter, threads, number == 1 ? OptionalLong.empty() : OptionalLong.of(System.nanoTime())));
            } else {
                CheckInvoker.invoke(specClass, method, arguments, subject, limit, limitSource, run, reporter, threads,
                        OptionalLong.empty());
            }
        } catch (AssertionError e) {
            AssertionError failure = aboutHost ? namingHost(e, subject) : e;
            Optional<Host> host = aboutHost ? Optional.of((Host) arguments[0]) : Optional.empty();
            throw Waiving.orWaived(failure, specClass, method, subject, host, run);
        } catch (CouldNotCheckException e) {
            throw e;
        } catch (Exception e) {
            if (!aboutHost) {
                throw e;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CouldNotCheckException(subject, message.startsWith(subject + ":")
                    ? message.substring(subject.length() + 1).strip() : message, e);
        }
    }

    // A plain AssertJ assertion inside a host check does not know the host: say it, keeping the type.
    private static AssertionError namingHost(AssertionError error, String host) {
        String message = String.valueOf(error.getMessage()).strip();
        if (message.startsWith(host + ":") || message.startsWith("[" + host)) {
            return error;
        }
        AssertionError named = Failures.withMessage(error, host + ": " + message);
        named.setStackTrace(error.getStackTrace());
        return named;
    }
}

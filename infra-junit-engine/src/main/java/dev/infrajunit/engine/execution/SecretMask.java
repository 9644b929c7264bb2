package dev.infrajunit.engine.execution;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.environment.Secrets;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Keeps secrets ({@link Secrets}: values of {@code ${env:}} and {@code ${sys:}} references, as written
 * and as shell-quoted into a command line) out of what a run reports: a check's failure or error,
 * its causes and their messages are reported with each secret replaced by {@code ***}, as a copy of
 * the same kind.
 */
final class SecretMask {

    private SecretMask() {
    }

    private static String mask(String text) {
        return Secrets.mask(text);
    }

    /** The failure as reported: the same one when it shows no secret, else a copy of the same kind without them. */
    static Throwable mask(Throwable failure) {
        if (!showsSecret(failure, 0)) {
            return failure;
        }
        return copy(failure, 0);
    }
    private static boolean showsSecret(Throwable failure, int depth) {
        if (failure == null || depth > 20) {
            return false;
        }
        if (!Objects.equals(mask(failure.getMessage()), failure.getMessage())
                || failure instanceof AssertionFailedError values && (contains(values.getExpected()) || contains(values.getActual()))) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (showsSecret(suppressed, depth + 1)) {
                return true;
            }
        }
        return failure.getCause() != failure && showsSecret(failure.getCause(), depth + 1);
    }

    private static boolean contains(org.opentest4j.ValueWrapper value) {
        return value != null && !Objects.equals(mask(value.getStringRepresentation()), value.getStringRepresentation());
    }

    private static Throwable copy(Throwable failure, int depth) {
        if (failure == null || depth > 20 || !showsSecret(failure, depth)) {
            return failure;
        }
        Throwable cause = failure.getCause() == failure ? null : copy(failure.getCause(), depth + 1);
        String message = mask(failure.getMessage());
        Throwable copy;
        if (failure instanceof AssertionFailedError values && (values.isExpectedDefined() || values.isActualDefined())
                && !contains(values.getExpected()) && !contains(values.getActual())) {
            copy = new AssertionFailedError(message, values.getExpected(), values.getActual(), cause);
        } else if (failure instanceof AssertionError) {
            copy = new AssertionError(message, cause);
        } else if (failure instanceof CouldNotCheckException couldNot) {
            String prefix = couldNot.host() + ": ";
            copy = new CouldNotCheckException(couldNot.host(), message.startsWith(prefix) ? message.substring(prefix.length()) : message,
                    cause);
        } else {
            copy = new Masked(failure.getClass().getName(), message, cause);
        }
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, depth + 1));
        }
        return copy;
    }

    /** Another kind of exception with its secrets masked; it reads as the original's class name. */
    private static final class Masked extends RuntimeException {
        private final String originalClass;

        Masked(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }
}

package dev.infrajunit.engine.execution;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * Keeps the environment's secrets (values of {@code ${env:}} and {@code ${sys:}} references) out of
 * what a run reports: a check's failure or error, its causes and their messages are reported with
 * each secret, as written and as shell-quoted into a command line, replaced by {@value #MASK}.
 * Values shorter than {@value #SHORTEST} characters are not masked: a port or a flag is no secret,
 * and masking every "1" would garble every message.
 */
final class SecretMask {

    static final String MASK = "***";
    private static final int SHORTEST = 4;

    private final List<String> secrets;

    SecretMask(Set<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            if (value.length() >= SHORTEST) {
                forms.add(value);
                forms.add(Command.quote(value));
            }
        }
        // the longest first, so a secret inside another is not masked half
        this.secrets = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** The failure as reported: the same one when it shows no secret, else a copy of the same kind without them. */
    Throwable mask(Throwable failure) {
        if (secrets.isEmpty() || !showsSecret(failure, 0)) {
            return failure;
        }
        return copy(failure, 0);
    }

    private boolean showsSecret(Throwable failure, int depth) {
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

    private boolean contains(org.opentest4j.ValueWrapper value) {
        return value != null && !Objects.equals(mask(value.getStringRepresentation()), value.getStringRepresentation());
    }

    private Throwable copy(Throwable failure, int depth) {
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

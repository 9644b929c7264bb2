package dev.infrajunit.engine.execution;

import org.opentest4j.AssertionFailedError;

/** Rewords a check's assertion failure without losing what IDEs show a diff of. */
final class Failures {

    private Failures() {
    }

    /** The same failure with another message, caused by the original, keeping expected and actual values. */
    static AssertionError withMessage(AssertionError failure, String message) {
        if (failure instanceof AssertionFailedError values && (values.isExpectedDefined() || values.isActualDefined())) {
            return new AssertionFailedError(message, values.getExpected(), values.getActual(), failure);
        }
        return new AssertionError(message, failure);
    }
}

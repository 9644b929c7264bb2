package dev.infrajunit.engine.execution;

/** Lets a check's own exception or error through the engine's {@code throws Exception} signatures unchanged. */
final class Rethrow {

    private Rethrow() {
    }

    static Exception asException(Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown instanceof Exception exception) {
            return exception;
        }
        return new RuntimeException(thrown);
    }
}

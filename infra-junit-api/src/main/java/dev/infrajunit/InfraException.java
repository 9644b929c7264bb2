package dev.infrajunit;

/** Base of the errors infra-junit raises; each message says what is wrong and what to do. */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}

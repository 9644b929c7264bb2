package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Base of the errors infra-junit raises; each message says what is wrong and what to do. */
@API(status = STABLE)
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}

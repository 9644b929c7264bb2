package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A check could not run against a host: unreachable, authentication refused, host key mismatch,
 * timeout. Not an assertion failure, so reports show it as an error, never as a pass or a skip.
 * The message always begins with the host name.
 */
@API(status = STABLE)
public class CouldNotCheckException extends InfraException {

    private final String host;
    private final String problem;

    public CouldNotCheckException(String host, String problem) {
        super(host + ": " + problem);
        this.host = host;
        this.problem = problem;
    }

    public CouldNotCheckException(String host, String problem, Throwable cause) {
        super(host + ": " + problem, cause);
        this.host = host;
        this.problem = problem;
    }

    /** The name of the host that could not be checked. */
    public String host() {
        return host;
    }

    /** What went wrong, without the host name the message begins with. */
    public String problem() {
        return problem;
    }
}

package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/** A host name that the active environment does not define. */
@API(status = STABLE)
public class UnknownHostException extends InfraException {

    private final String requested;

    public UnknownHostException(String requested, String environment, List<String> closest) {
        super("Unknown host '" + requested + "' in environment '" + environment + "'"
                + (closest.isEmpty() ? "" : "; did you mean " + String.join(", ", closest) + "?")
                + " Hosts are declared under 'hosts:' in the environment file.");
        this.requested = requested;
    }

    public String requested() {
        return requested;
    }
}

package dev.infrajunit;

import java.util.List;

/** A host name that the active environment does not define. */
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

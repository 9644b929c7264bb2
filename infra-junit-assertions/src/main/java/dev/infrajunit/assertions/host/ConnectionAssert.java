package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldReach.shouldNotReach;
import static dev.infrajunit.assertions.error.ShouldReach.shouldReach;

import dev.infrajunit.assertions.facts.TcpConnect;
import dev.infrajunit.assertions.host.Subjects.HostConnection;

/**
 * Whether a host can open a TCP connection to another: {@code assertThat(app).reaches("db-1", 5432)}.
 * The target is a host of the environment (its address is used) or any name or address.
 */
public class ConnectionAssert extends HostSubjectAssert<ConnectionAssert, HostConnection> {

    public ConnectionAssert(HostConnection connection) {
        super(connection, ConnectionAssert.class);
    }

    public ConnectionAssert isReachable() {
        TcpConnect.Attempt attempt = attempt();
        if (!attempt.reached()) {
            throw fail(shouldReach(hostName(), subject(), attempt.finding(), source()));
        }
        return this;
    }

    /** The connection is refused, times out or has no route: what a segmentation rule should make of it. */
    public ConnectionAssert isNotReachable() {
        if (attempt().reached()) {
            throw fail(shouldNotReach(hostName(), subject(), source()));
        }
        return this;
    }

    private TcpConnect.Attempt attempt() {
        return TcpConnect.attempt(host(), actual.address(), actual.port(), actual.timeout());
    }

    private String source() {
        return TcpConnect.source(hostName(), actual.address(), actual.port(), actual.timeout());
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldBe.shouldNotBe;

import dev.infrajunit.assertions.facts.ListeningSockets;
import dev.infrajunit.assertions.facts.ListeningSockets.Listener;
import dev.infrajunit.assertions.host.Subjects.HostPort;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Assertions about a TCP or UDP port: {@code assertThat(host).port(22).isListening().on("0.0.0.0")}.
 * Addresses are compared as the host binds them: {@code 0.0.0.0} serves every IPv4 address,
 * {@code ::} every IPv6 one, and {@code *} both.
 */
public class PortAssert extends HostSubjectAssert<PortAssert, HostPort> {

    public PortAssert(HostPort port) {
        super(port, PortAssert.class);
    }

    public PortAssert isListening() {
        listening();
        return this;
    }

    public PortAssert isNotListening() {
        List<Listener> found = listeners();
        if (!found.isEmpty()) {
            throw fail(shouldNotBe(hostName(), subject(), "listening", "it listens on " + addresses(found), source()));
        }
        return this;
    }

    /** Something listens on the port and accepts connections made to this address (directly or through a wildcard). */
    public PortAssert on(String address) {
        List<Listener> found = listening("listening on " + address);
        if (found.stream().noneMatch(l -> l.accepts(address))) {
            throw fail(shouldBe(hostName(), subject(), "listening on " + address, "it listens on " + addresses(found) + " only",
                    source()));
        }
        return this;
    }

    /** Every socket on the port is bound to one of these addresses exactly: {@code onlyOn("127.0.0.1", "::1")}. */
    public PortAssert onlyOn(String... addresses) {
        String wanted = String.join(", ", addresses);
        List<Listener> found = listening("listening only on " + wanted);
        List<String> allowed = Arrays.stream(addresses).map(ListeningSockets::normalise).toList();
        List<Listener> elsewhere = found.stream().filter(l -> !allowed.contains(l.address())).toList();
        if (!elsewhere.isEmpty()) {
            throw fail(shouldBe(hostName(), subject(), "listening only on " + wanted, "it also listens on " + addresses(elsewhere),
                    source()));
        }
        return this;
    }

    private List<Listener> listening() {
        return listening("listening");
    }

    private List<Listener> listening(String state) {
        List<Listener> found = listeners();
        if (found.isEmpty()) {
            throw fail(shouldBe(hostName(), subject(), state, "nothing listens on it", source()));
        }
        return found;
    }

    private List<Listener> listeners() {
        return sockets().on(actual.protocol(), actual.port());
    }

    private ListeningSockets sockets() {
        return ListeningSockets.of(host());
    }

    private String source() {
        return sockets().source();
    }

    private static String addresses(List<Listener> found) {
        return found.stream().map(Listener::address).distinct().collect(Collectors.joining(", "));
    }
}

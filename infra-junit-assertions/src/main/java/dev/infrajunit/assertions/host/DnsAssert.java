package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldResolve.shouldNotResolve;
import static dev.infrajunit.assertions.error.ShouldResolve.shouldResolve;
import static dev.infrajunit.assertions.error.ShouldResolve.shouldResolveTo;

import dev.infrajunit.assertions.facts.NameResolution;
import dev.infrajunit.assertions.host.Subjects.HostDnsName;
import java.util.Arrays;
import java.util.List;

/**
 * A name as the host resolves it: {@code assertThat(app).resolves("db.internal").to("10.0.1.11")}.
 * The answer is read once per chain.
 */
public class DnsAssert extends HostSubjectAssert<DnsAssert, HostDnsName> {

    private NameResolution.Answer answer;

    public DnsAssert(HostDnsName name) {
        super(name, DnsAssert.class);
    }

    public DnsAssert resolves() {
        if (answer().addresses().isEmpty()) {
            throw fail(shouldResolve(hostName(), actual.name(), answer().source()));
        }
        return this;
    }

    /** The name resolves to every one of these addresses (and perhaps to more). */
    public DnsAssert to(String... addresses) {
        List<String> expected = Arrays.asList(addresses);
        if (!answer().addresses().containsAll(expected)) {
            throw fail(shouldResolveTo(hostName(), actual.name(), expected, answer().addresses(), answer().source()));
        }
        return this;
    }

    /** The name resolves to the address of a host of the environment: {@code toAddressOf("db-1")}. */
    public DnsAssert toAddressOf(String hostName) {
        return to(host().environment().host(hostName).address());
    }

    public DnsAssert doesNotResolve() {
        if (!answer().addresses().isEmpty()) {
            throw fail(shouldNotResolve(hostName(), actual.name(), answer().addresses(), answer().source()));
        }
        return this;
    }

    private NameResolution.Answer answer() {
        if (answer == null) {
            answer = NameResolution.resolve(host(), actual.name());
        }
        return answer;
    }
}

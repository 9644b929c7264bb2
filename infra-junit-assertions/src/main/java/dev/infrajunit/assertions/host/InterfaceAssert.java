package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.NetworkConfig;
import dev.infrajunit.assertions.facts.NetworkConfig.Interface;
import dev.infrajunit.assertions.host.Subjects.HostInterface;
import java.util.Optional;

/** A network interface: {@code assertThat(host).iface("eth0").isUp().hasAddress("10.0.1.11/24")}. Read once per chain. */
public class InterfaceAssert extends HostSubjectAssert<InterfaceAssert, HostInterface> {

    private Optional<Interface> found;

    public InterfaceAssert(HostInterface iface) {
        super(iface, InterfaceAssert.class);
    }

    public InterfaceAssert exists() {
        iface();
        return this;
    }

    /** Administratively up ({@code UP} among its flags). */
    public InterfaceAssert isUp() {
        if (!iface().up()) {
            throw fail(shouldBe(hostName(), subject(), "up", "it is down", source()));
        }
        return this;
    }

    /** Has this address: with its prefix ({@code 10.0.1.11/24}) or without ({@code 10.0.1.11}, any prefix). */
    public InterfaceAssert hasAddress(String address) {
        Interface i = iface();
        boolean has = i.addresses().stream().anyMatch(a -> a.equals(address) || a.startsWith(address + "/"));
        if (!has) {
            throw fail(shouldHave(hostName(), subject(), "address", address,
                    i.addresses().isEmpty() ? "no address" : String.join(", ", i.addresses()), source()));
        }
        return this;
    }

    private Interface iface() {
        if (found == null) {
            found = NetworkConfig.iface(host(), actual.name());
        }
        return found.orElseThrow(() -> fail(shouldExist(hostName(), subject(), source())));
    }

    private String source() {
        return "ip addr show dev " + actual.name();
    }
}

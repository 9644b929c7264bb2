package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Interfaces and the default route of network namespaces the tests set up with this machine's ip. */
class InterfaceAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");

    private Host namespace(String setup) {
        return NamespacedHost.inNetworkNamespace(hosts.host("app-1"), setup, false);
    }

    @Test
    void anInterfaceThatIsUpWithItsAddresses() {
        Host app = namespace("ip link set lo up && ip addr add 10.9.0.2/24 dev lo && ip route add default dev lo");
        assertThatCode(() -> assertThat(app).iface("lo").exists().isUp().hasAddress("10.9.0.2/24").hasAddress("127.0.0.1")
                .hasAddress("::1/128")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).iface("lo").hasAddress("10.9.0.3"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected interface lo to have address 10.9.0.3, but it has 127.0.0.1/8, 10.9.0.2/24,"
                        + " ::1/128 (ip addr show dev lo)");
        assertThatCode(() -> assertThat(app).defaultRoute().exists().onInterface("lo")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).defaultRoute().isVia("10.9.0.1"))
                .hasMessage("app-1: expected the default route to have gateway 10.9.0.1, but it has none (default dev lo"
                        + " scope link) (ip route show default)");
    }

    @Test
    void aDownInterfaceAMissingOneAndNoDefaultRoute() {
        Host app = namespace("true");
        assertThatThrownBy(() -> assertThat(app).iface("lo").isUp())
                .hasMessage("app-1: expected interface lo to be up, but it is down (ip addr show dev lo)");
        assertThatThrownBy(() -> assertThat(app).iface("eth9").exists())
                .hasMessage("app-1: expected interface eth9 to exist, but it does not (ip addr show dev eth9)");
        assertThatThrownBy(() -> assertThat(app).defaultRoute().isVia("10.0.0.1"))
                .hasMessage("app-1: expected the default route to exist, but it does not (ip route show default)");
    }
}

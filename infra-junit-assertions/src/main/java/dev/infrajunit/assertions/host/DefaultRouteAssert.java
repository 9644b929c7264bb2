package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.NetworkConfig;
import dev.infrajunit.assertions.facts.NetworkConfig.DefaultRoute;
import dev.infrajunit.assertions.host.Subjects.HostDefaultRoute;

/** The IPv4 default route: {@code assertThat(host).defaultRoute().isVia("10.0.0.1").onInterface("eth0")}. */
public class DefaultRouteAssert extends HostSubjectAssert<DefaultRouteAssert, HostDefaultRoute> {

    private static final String SOURCE = "ip route show default";

    private DefaultRoute route;

    public DefaultRouteAssert(HostDefaultRoute route) {
        super(route, DefaultRouteAssert.class);
    }

    public DefaultRouteAssert exists() {
        route();
        return this;
    }

    /** The default gateway. */
    public DefaultRouteAssert isVia(String gateway) {
        DefaultRoute r = route();
        if (!r.via().filter(gateway::equals).isPresent()) {
            throw fail(shouldHave(hostName(), subject(), "gateway", gateway, r.via().orElse("none (" + r.line() + ")"), SOURCE));
        }
        return this;
    }

    public DefaultRouteAssert onInterface(String device) {
        DefaultRoute r = route();
        if (!r.device().filter(device::equals).isPresent()) {
            throw fail(shouldHave(hostName(), subject(), "interface", device, r.device().orElse("none"), SOURCE));
        }
        return this;
    }

    private DefaultRoute route() {
        if (route == null) {
            route = NetworkConfig.defaultRoute(host()).orElseThrow(() -> fail(shouldExist(hostName(), subject(), SOURCE)));
        }
        return route;
    }
}

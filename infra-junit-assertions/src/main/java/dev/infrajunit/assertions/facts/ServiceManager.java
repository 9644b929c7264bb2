package dev.infrajunit.assertions.facts;

import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ServiceFacts.ServiceState;

/** What manages services on a host, asked for one service's state. */
interface ServiceManager {

    ServiceState state(Host host, String name);
}

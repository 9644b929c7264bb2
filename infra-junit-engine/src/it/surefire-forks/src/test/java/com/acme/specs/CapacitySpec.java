package com.acme.specs;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;

@InfraTest
class CapacitySpec {

    @Check
    @ForEachHost("*")
    void hasADisk(Host host) {
        if (host.run("df -P /").exitStatus() != 0) {
            throw new AssertionError(host.name() + ": expected df to answer");
        }
    }
}

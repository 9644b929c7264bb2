package com.acme.specs;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import org.junit.jupiter.api.Tag;

@InfraTest
@Tag("web")
class WebTierSpec {

    @Check
    @ForEachHost("role:web")
    void answersCommands(Host host) {
        if (host.run("true").exitStatus() != 0) {
            throw new AssertionError(host.name() + ": expected 'true' to exit 0");
        }
    }
}

package dev.infrajunit.examples;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import org.junit.jupiter.api.Tag;

/** Room to work: a full disk or exhausted memory takes a host down without any change to it. */
@InfraTest
@Tag("capacity")
class CapacitySpec {

    @Check
    @ForEachHost("*")
    void rootFileSystemIsBelow85PercentFull(Host host) {
        assertThat(host).mount("/").hasUsageBelow(85);
    }

    @Check
    @ForEachHost("*")
    void atLeast256MegabytesOfMemoryAreAvailable(Host host) {
        assertThat(host).memory().hasAvailableAtLeast("256M");
    }
}

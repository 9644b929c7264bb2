package dev.infrajunit.examples;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import org.junit.jupiter.api.Tag;

/**
 * Room to work: a full disk or exhausted memory takes a host down without any change to it. The
 * account's RDS databases ({@code role:rds}) have no shell to look with; AWS's own metrics watch them.
 */
@InfraTest
@Tag("capacity")
class CapacitySpec {

    @Check
    @ForEachHost("*,!role:rds")
    void rootFileSystemIsBelow85PercentFull(Host host) {
        assertThat(host).mount("/").hasUsageBelow(85);
    }

    @Check
    @ForEachHost("*,!role:rds")
    void atLeast256MegabytesOfMemoryAreAvailable(Host host) {
        assertThat(host).memory().hasAvailableAtLeast("256M");
    }
}

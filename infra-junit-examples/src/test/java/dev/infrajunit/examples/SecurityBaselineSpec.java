package dev.infrajunit.examples;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static dev.infrajunit.assertions.InfraSoftAssertions.assertSoftly;

import dev.infrajunit.Check;
import dev.infrajunit.Command;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;

/**
 * The baseline every server keeps, whatever it runs. The account's RDS databases ({@code role:rds})
 * are no servers one logs in to: AWS keeps their operating system.
 */
@InfraTest
@Tag("security")
class SecurityBaselineSpec {

    @Check
    @ForEachHost("*,!role:rds")
    void sshdRefusesRootLoginAndPasswords(Host host) {
        String sshdConfig = etc(host) + "/ssh/sshd_config";
        assertSoftly(softly -> { // report both settings when both are wrong, not only the first
            softly.assertThat(host).file(sshdConfig).containsPattern("(?m)^PermitRootLogin no$");
            softly.assertThat(host).file(sshdConfig).containsPattern("(?m)^PasswordAuthentication no$");
        });
    }

    @Check
    @ForEachHost("*,!role:rds")
    void nothingUnderEtcIsWorldWritable(Host host) {
        assertThat(host).command(Command.of("find {0} -xdev ! -type l -perm -o+w", etc(host)))
                .succeeds()
                .hasStdoutNotContaining(etc(host));
    }

    @Check
    @ForEachHost("*,!role:rds")
    void clockAgreesWithOursWithinTwoSeconds(Host host) {
        long hostSeconds = Long.parseLong(host.run("date -u +%s").stdout().strip());
        Duration offset = Duration.ofSeconds(Math.abs(hostSeconds - Instant.now().getEpochSecond()));
        org.assertj.core.api.Assertions.assertThat(offset).as("clock offset").isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    /** /etc, unless the environment file says where the host keeps its configuration (the demo's hosts do). */
    private static String etc(Host host) {
        return host.property("properties.etc").map(Object::toString).orElse("/etc");
    }
}

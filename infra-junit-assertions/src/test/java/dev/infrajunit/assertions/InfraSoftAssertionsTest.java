package dev.infrajunit.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.MultipleFailuresError;

/** Failures collected across hosts and subjects, through navigation methods and short forms alike. */
class InfraSoftAssertionsTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host web1;
    private Host web2;
    private String config;

    @BeforeEach
    void open() throws Exception {
        hosts = new LocalHosts("web-1", "web-2");
        web1 = hosts.host("web-1");
        web2 = hosts.host("web-2");
        Path file = dir.resolve("app.conf");
        Files.writeString(file, "debug = true\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        config = file.toString();
    }

    @AfterEach
    void close() {
        hosts.close();
    }

    /** AssertJ adds the line of each soft assertion after its message. */
    private static String firstLine(Throwable error) {
        return error.getMessage().lines().findFirst().orElse("");
    }

    @Test
    void collectsEveryFailureAcrossHostsAndSubjects() {
        InfraSoftAssertions softly = new InfraSoftAssertions();
        for (Host host : new Host[] {web1, web2}) {
            softly.assertThat(host).file(config).exists().hasMode("600").doesNotContain("debug = true");
            softly.assertThat(host).pkg("no-such-package-here").isInstalled();
            softly.assertThat(host).hasPackage("dpkg").hasUser("no-such-user");
        }
        assertThat(softly.errorsCollected()).extracting(InfraSoftAssertionsTest::firstLine).containsExactly(
                "web-1: expected " + config + " to have mode 600, but it has 644 (stat of " + config + ")",
                "web-1: expected " + config + " not to contain \"debug = true\", but line 1 does: debug = true (content of " + config + ")",
                "web-1: expected package no-such-package-here to be installed, but it is not installed (dpkg-query -W)",
                "web-1: expected user no-such-user to exist, but it does not (getent passwd no-such-user)",
                "web-2: expected " + config + " to have mode 600, but it has 644 (stat of " + config + ")",
                "web-2: expected " + config + " not to contain \"debug = true\", but line 1 does: debug = true (content of " + config + ")",
                "web-2: expected package no-such-package-here to be installed, but it is not installed (dpkg-query -W)",
                "web-2: expected user no-such-user to exist, but it does not (getent passwd no-such-user)");
        assertThatThrownBy(softly::assertAll).isInstanceOf(MultipleFailuresError.class)
                .hasMessageContaining("(8 failures)");
    }

    @Test
    void closingFailsWithWhatWasCollected() {
        assertThatThrownBy(() -> {
            try (InfraSoftAssertions softly = new InfraSoftAssertions()) {
                softly.assertThat(web1).file(config).hasOwner("app");
                softly.assertThat(web2).file(config).hasOwner("root");
            }
        }).isInstanceOf(AssertionError.class)
                .hasMessageContaining("web-1: expected " + config + " to have owner app, but it has root (stat of " + config + ")")
                .hasMessageNotContaining("web-2");
    }

    @Test
    void assertSoftlyPassesWhenAllHold() {
        assertThatCode(() -> InfraSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(web1).file(config).exists().hasMode("644");
            softly.assertThat(web2).hasPackage("dpkg");
        })).doesNotThrowAnyException();
    }

    @Test
    void assertSoftlyFailsWithEveryFailure() {
        assertThatThrownBy(() -> InfraSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(web1).file(config + ".missing").exists();
            softly.assertThat(web2).command("exit 4").succeeds();
        })).isInstanceOf(MultipleFailuresError.class)
                .hasMessageContaining("web-1: expected " + config + ".missing to exist, but it does not (stat of " + config + ".missing)")
                .hasMessageContaining("web-2: expected `exit 4` to exit with status 0, but it exited with 4 (nothing on stderr)");
    }

    @Test
    void aHostThatCannotBeCheckedEndsTheBlockWithItsFailuresAttached() {
        Host bare = new RestrictedPathHost(web2, dir.resolve("bin"), "cat");
        assertThatThrownBy(() -> {
            try (InfraSoftAssertions softly = new InfraSoftAssertions()) {
                softly.assertThat(web1).file(config).hasMode("600");
                softly.assertThat(bare).pkg("nginx").isInstalled();
            }
        }).isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-2: cannot check packages: none of dpkg-query, rpm or apk is installed")
                .satisfies(error -> assertThat(error.getSuppressed()).singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasMessageContaining("web-1: expected " + config + " to have mode 600")));
    }

    @Test
    void descriptionsReachNavigatedSubjects() {
        assertThatThrownBy(() -> InfraAssertions.assertThat(web1).as("the web tier").file(config).hasMode("600"))
                .hasMessage("[the web tier] web-1: expected " + config + " to have mode 600, but it has 644 (stat of " + config + ")");
        InfraSoftAssertions softly = new InfraSoftAssertions();
        softly.assertThat(web2).as("the web tier").port(1).isListening();
        assertThat(softly.errorsCollected()).extracting(InfraSoftAssertionsTest::firstLine)
                .containsExactly("[the web tier] web-2: expected tcp port 1 to be listening, but nothing listens on it (ss -ltun)");
    }
}

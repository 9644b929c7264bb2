package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against this machine's real dpkg database. */
class PackageAssertTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host local;
    private String dpkgVersion;

    @BeforeEach
    void open() throws Exception {
        hosts = new LocalHosts("deb-1");
        local = hosts.host("deb-1");
        // dpkg's own version, read independently of the code under test
        Process query = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "dpkg").start();
        dpkgVersion = new String(query.getInputStream().readAllBytes()).strip();
        query.waitFor();
    }

    @AfterEach
    void close() {
        hosts.close();
    }

    @Test
    void installedPackageAndItsVersion() {
        assertThatCode(() -> assertThat(local).pkg("dpkg").isInstalled().hasVersion(dpkgVersion).hasVersionAtLeast("1.19")
                .hasVersionAtLeast("0:1.21.0~rc1").hasVersionAtLeast(dpkgVersion).hasVersionBelow("1:0.1")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).hasPackage("dpkg").hasPackage("dpkg", "1.19")).doesNotThrowAnyException();
    }

    @Test
    void versionTooOld() {
        assertThatThrownBy(() -> assertThat(local).pkg("dpkg").hasVersionAtLeast("1:1.0"))
                .hasMessage("deb-1: expected package dpkg to have version at least 1:1.0, but it has " + dpkgVersion + " (dpkg-query -W)");
        assertThatThrownBy(() -> assertThat(local).pkg("dpkg").hasVersionBelow("1.0"))
                .hasMessage("deb-1: expected package dpkg to have a version below 1.0, but it has " + dpkgVersion + " (dpkg-query -W)");
        assertThatThrownBy(() -> assertThat(local).pkg("dpkg").hasVersion("0.1"))
                .hasMessage("deb-1: expected package dpkg to have version 0.1, but it has " + dpkgVersion + " (dpkg-query -W)");
    }

    @Test
    void packageNotInstalled() {
        assertThatThrownBy(() -> assertThat(local).pkg("no-such-package-here").isInstalled())
                .hasMessage("deb-1: expected package no-such-package-here to be installed, but it is not installed (dpkg-query -W)");
        assertThatThrownBy(() -> assertThat(local).hasPackage("no-such-package-here", "1.0"))
                .hasMessage("deb-1: expected package no-such-package-here to be installed, but it is not installed (dpkg-query -W)");
        assertThatCode(() -> assertThat(local).pkg("no-such-package-here").isNotInstalled()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).pkg("dpkg").isNotInstalled())
                .hasMessage("deb-1: expected package dpkg not to be installed, but version " + dpkgVersion + " is (dpkg-query -W)");
    }

    @Test
    void noPackageManager() {
        Host bare = new RestrictedPathHost(local, dir.resolve("bin"), "cat");
        assertThatThrownBy(() -> assertThat(bare).pkg("openssh-server").isInstalled())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("deb-1: cannot check packages: none of dpkg-query, rpm or apk is installed");
    }
}

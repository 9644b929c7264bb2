package dev.infrajunit.benchmark;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;

/** Eight checks a platform team runs on every host: what the benchmark runs over the OpenSSH fleet. */
@InfraTest
public class FleetBaselineSpec {

    @Check
    @ForEachHost("*")
    void passwdIsReadableByAllWritableByRoot(Host host) {
        assertThat(host).file("/etc/passwd").isFile().hasMode("644").hasOwner("root");
    }

    @Check
    @ForEachHost("*")
    void sshServerIsInstalled(Host host) {
        assertThat(host).pkg("openssh-server").isInstalled();
    }

    @Check
    @ForEachHost("*")
    void checkUserExists(Host host) {
        assertThat(host).user("infratest").exists().hasShell("/bin/sh");
    }

    @Check
    @ForEachHost("*")
    void kernelIsLinux(Host host) {
        assertThat(host).sysctl("kernel.ostype").hasValue("Linux");
    }

    @Check
    @ForEachHost("*")
    void rootFileSystemHasRoom(Host host) {
        assertThat(host).mount("/").hasUsageBelow(95);
    }

    @Check
    @ForEachHost("*")
    void runsDebian(Host host) {
        assertThat(host).os().hasFamily("debian");
    }

    @Check
    @ForEachHost("*")
    void kernelIsRecentEnough(Host host) {
        assertThat(host).kernel().hasReleaseAtLeast("4.19");
    }

    @Check
    @ForEachHost("*")
    void sshListens(Host host) {
        assertThat(host).port(2222).isListening();
    }
}

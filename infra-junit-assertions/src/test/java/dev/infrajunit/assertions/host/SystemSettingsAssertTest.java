package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The time zone, clock synchronization, kernel modules, SELinux and AppArmor of this machine, as it has them. */
class SystemSettingsAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("sys-1");
    private final Host local = hosts.host("sys-1");

    @TempDir
    Path directory;

    @Test
    void theTimeZoneIsTheOneLocaltimeLinksTo() throws IOException {
        assumeTrue(Files.isSymbolicLink(Path.of("/etc/localtime")), "this machine links /etc/localtime to its zone");
        String link = Files.readSymbolicLink(Path.of("/etc/localtime")).toString();
        String zone = link.substring(link.indexOf("zoneinfo/") + "zoneinfo/".length());
        assertThatCode(() -> assertThat(local).system().hasTimeZone(zone)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).system().hasTimeZone("Pacific/Chatham"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("sys-1: expected the time zone to have name Pacific/Chatham, but it has " + zone
                        + " (readlink /etc/localtime)");
    }

    @Test
    void everyNameOfUtcIsUtc() throws IOException {
        assumeTrue(Files.isSymbolicLink(Path.of("/etc/localtime"))
                && Files.readSymbolicLink(Path.of("/etc/localtime")).toString().matches(".*zoneinfo/(Etc/)?UTC"), "this machine runs on UTC");
        assertThatCode(() -> assertThat(local).system().hasTimeZone("UTC").hasTimeZone("Etc/UTC")).doesNotThrowAnyException();
    }

    @Test
    void aClockSystemdSaysIsNotSynchronized() throws IOException {
        Path tools = Files.createDirectories(directory.resolve("tools"));
        Path timedatectl = Files.writeString(tools.resolve("timedatectl"), "#!/bin/sh\necho no\n");
        Files.setPosixFilePermissions(timedatectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Host systemd = NamespacedHost.systemd(local, tools);
        assertThatThrownBy(() -> assertThat(systemd).system().hasSynchronizedClock())
                .hasMessage("sys-1: expected the clock to be synchronized, but it is not synchronized"
                        + " (timedatectl show -p NTPSynchronized)");
        Files.writeString(timedatectl, "#!/bin/sh\necho yes\n");
        assertThatCode(() -> assertThat(systemd).system().hasSynchronizedClock()).doesNotThrowAnyException();
    }

    @Test
    void withoutSystemdOrChronyTheClockCannotBeChecked() {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd is not this machine's init");
        assertThatThrownBy(() -> assertThat(local).system().hasSynchronizedClock())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("sys-1: cannot check whether the clock is synchronized: timedatectl or chronyc is"
                        + " not installed");
    }

    @Test
    void kernelModules() throws IOException {
        if (Files.isReadable(Path.of("/proc/modules"))) {
            String first = Files.readAllLines(Path.of("/proc/modules")).get(0).split("\\s+")[0];
            assertThatCode(() -> assertThat(local).system().hasKernelModule(first).doesNotHaveKernelModule("no_such_module"))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(local).system().hasKernelModule("no_such_module"))
                    .hasMessage("sys-1: expected kernel module no_such_module to be loaded, but it is not (/proc/modules)");
        } else {
            // this machine's sandbox shows no modules: that says nothing about any of them
            assertThatThrownBy(() -> assertThat(local).system().hasKernelModule("nf_tables"))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("sys-1: cannot check kernel modules: there is no /proc/modules to read");
        }
    }

    @Test
    void selinuxAndApparmorOfAKernelWithoutThem() {
        assumeFalse(Files.exists(Path.of("/sys/fs/selinux/enforce")), "this kernel has no SELinux");
        assumeFalse(Files.exists(Path.of("/sys/module/apparmor/parameters/enabled")), "this kernel has no AppArmor");
        assertThatCode(() -> assertThat(local).system().hasSelinux("disabled").hasApparmor("disabled")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).system().hasSelinux("enforcing"))
                .hasMessage("sys-1: expected SELinux to have mode enforcing, but it has disabled (/sys/fs/selinux/enforce)");
        assertThatThrownBy(() -> assertThat(local).system().hasApparmor("enabled"))
                .hasMessage("sys-1: expected AppArmor to have state enabled, but it has disabled"
                        + " (/sys/module/apparmor/parameters/enabled)");
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.Mounts;
import dev.infrajunit.assertions.facts.OsRelease;
import dev.infrajunit.assertions.facts.Sysctl;
import dev.infrajunit.assertions.testing.AnsweringHost;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RecordingHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kernel parameters, mounts, memory, OS and kernel of this machine, against what the JVM reads itself. */
class SystemAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("sys-1");
    private final Host local = hosts.host("sys-1");

    @Test
    void sysctl() throws Exception {
        // procfs files report size 0, which readString trusts; line reads do not
        String forwarding = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_forward")).get(0).strip();
        String rmem = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_rmem")).get(0).strip();
        assertThatCode(() -> assertThat(local).sysctl("net.ipv4.ip_forward").hasValue(forwarding).hasValue(Long.parseLong(forwarding)))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).sysctl("net.ipv4.tcp_rmem").hasValue(rmem.replaceAll("\\s+", " ")))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).sysctl("kernel.ostype").hasValue("Linux")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).sysctl("kernel.ostype").hasValue("FreeBSD"))
                .hasMessage("sys-1: expected sysctl kernel.ostype to have value FreeBSD, but it has Linux (/proc/sys/kernel/ostype)");
        assertThatThrownBy(() -> assertThat(local).sysctl("net.ipv4.no_such_key").hasValue("1"))
                .hasMessage("sys-1: expected sysctl net.ipv4.no_such_key to exist, but it does not (/proc/sys/net/ipv4/no_such_key)");
    }

    /** A login that is not root's has no /usr/sbin on its PATH on Debian, so no sysctl: /proc/sys is read at once. */
    @Test
    void aSysctlValueIsOneCommandEvenWhereSysctlIsNotOnThePath() {
        AnsweringHost noSbin = new AnsweringHost(local).answer("sysctl", 127, "", "sh: 1: sysctl: not found\n");

        assertThatCode(() -> assertThat(noSbin).sysctl("kernel.ostype").hasValue("Linux")).doesNotThrowAnyException();

        Assertions.assertThat(noSbin.commands()).extracting(Command::line).containsExactly("cat -- /proc/sys/kernel/ostype");
    }

    /** As sysctl reads them: a key whose first separator is a slash keeps its dots, which belong to a name (a VLAN's). */
    @Test
    void keysAreFoundInProcSysAsSysctlFindsThem() {
        Assertions.assertThat(Sysctl.procPath("net.ipv4.conf.all.rp_filter")).isEqualTo("/proc/sys/net/ipv4/conf/all/rp_filter");
        Assertions.assertThat(Sysctl.procPath("net.ipv4.conf.eth0/100.rp_filter")).isEqualTo("/proc/sys/net/ipv4/conf/eth0.100/rp_filter");
        Assertions.assertThat(Sysctl.procPath("net/ipv4/conf/eth0.100/rp_filter")).isEqualTo("/proc/sys/net/ipv4/conf/eth0.100/rp_filter");
    }

    @Test
    void aKeyThatClimbsOutOfProcSysIsNoKey() {
        RecordingHost recording = new RecordingHost(local);

        assertThatThrownBy(() -> assertThat(recording).sysctl("kernel/../../../etc/hostname").hasValue("x"))
                .hasMessage("sys-1: expected sysctl kernel/../../../etc/hostname to exist, but it does not"
                        + " (/proc/sys/kernel/../../../etc/hostname)");
        Assertions.assertThat(recording.commands()).isEmpty();
    }

    @Test
    void mounts() throws Exception {
        Mounts.MountEntry proc = Mounts.parse(Files.readAllLines(Path.of("/proc/mounts"))).stream()
                .filter(m -> m.mountPoint().equals("/proc")).reduce((a, b) -> b).orElseThrow();
        assertThatCode(() -> assertThat(local).mount("/proc").exists().hasType("proc").hasOptions(proc.options().get(0)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).mount("/proc").hasType("ext4"))
                .hasMessage("sys-1: expected mount /proc to have type ext4, but it has proc (/proc/mounts)");
        assertThatThrownBy(() -> assertThat(local).mount("/proc").hasOptions("noexec-never"))
                .hasMessage("sys-1: expected mount /proc to have option noexec-never, but it has only " + String.join(",", proc.options())
                        + " (/proc/mounts)");
        assertThatThrownBy(() -> assertThat(local).mount("/no/such/mount").exists())
                .hasMessage("sys-1: expected mount /no/such/mount to exist, but it does not (/proc/mounts)");
    }

    @Test
    void diskUsage() throws Exception {
        Process df = new ProcessBuilder("df", "-P", "/").start();
        int used = Mounts.parseDfCapacity(new String(df.getInputStream().readAllBytes()).lines().toList()).orElseThrow();
        df.waitFor();
        assertThatCode(() -> assertThat(local).mount("/").hasUsageBelow(100)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).mount("/").hasUsageBelow(used))
                .hasMessage("sys-1: expected mount / to have usage below " + used + "%, but it is " + used + "% full (df -P /)");
    }

    @Test
    void diskUsageOfADirectoryThatIsNotAMountPoint() {
        assertThatThrownBy(() -> assertThat(local).mount("/usr/share").hasUsageBelow(100))
                .hasMessage("sys-1: expected mount /usr/share to exist, but it is a directory on / (df -P /usr/share)");
    }

    @Test
    void memory() {
        assertThatCode(() -> assertThat(local).memory().hasAvailableAtLeast("1MiB").hasAvailablePercentAtLeast(1))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).hasAvailableMemoryAtLeast("64KiB")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).memory().hasAvailableAtLeast("100T"))
                .message().matches("sys-1: expected available memory to be at least 100 TB, but it is [0-9.]+ [KMG]B of [0-9.]+ [KMG]B"
                        + " \\(MemAvailable in /proc/meminfo\\)");
        assertThatThrownBy(() -> assertThat(local).memory().hasAvailableAtLeast("lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'lots' is not a size; write it like 512B, 100KB, 1MB, 1.2 GB or 10GiB");
    }

    @Test
    void operatingSystem() throws Exception {
        OsRelease os = OsRelease.parse(Files.readAllLines(Path.of("/etc/os-release")));
        String release = os.get("VERSION_ID");
        assertThatCode(() -> assertThat(local).os().hasId(os.id()).hasFamily(os.id()).hasRelease(release).hasReleaseAtLeast(release)
                .hasCodename(os.get("VERSION_CODENAME"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).os().hasFamily("rhel"))
                .hasMessage("sys-1: expected the OS to have family rhel, but it has " + String.join(" ", os.family()) + " (/etc/os-release)");
        assertThatThrownBy(() -> assertThat(local).os().hasReleaseAtLeast("99"))
                .hasMessage("sys-1: expected the OS to have release at least 99, but it has " + release + " (/etc/os-release)");
    }

    @Test
    void kernel() {
        String release = System.getProperty("os.version");
        String arch = new String(uname("-m")).strip();
        assertThatCode(() -> assertThat(local).kernel().hasName("Linux").hasReleaseAtLeast("3.10").hasReleaseAtLeast(release)
                .hasArchitecture(arch)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).kernel().hasReleaseAtLeast("99.1"))
                .hasMessage("sys-1: expected the kernel to have release at least 99.1, but it has " + release + " (uname -srm)");
        assertThatThrownBy(() -> assertThat(local).kernel().hasArchitecture("s390x"))
                .hasMessage("sys-1: expected the kernel to have architecture s390x, but it has " + arch + " (uname -srm)");
    }

    private static byte[] uname(String flag) {
        try {
            Process p = new ProcessBuilder("uname", flag).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor();
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

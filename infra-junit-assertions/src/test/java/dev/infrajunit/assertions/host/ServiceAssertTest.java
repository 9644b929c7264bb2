package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import dev.infrajunit.assertions.testing.NoServiceManagerHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * This machine has SysV init scripts and a systemctl, but systemd is not PID 1: the checks must
 * use the init scripts and say that systemctl was not usable. postgresql's init script is
 * installed, linked to start in /etc/rc2.d, and the server is stopped.
 */
class ServiceAssertTest {

    private static final String NOTE = "; systemctl is installed but systemd is not running";

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");
    private final Host local = hosts.host("app-1");

    @Test
    void stoppedInitScriptService() {
        assumeTrue(Files.exists(Path.of("/etc/init.d/postgresql")), "this machine's image ships PostgreSQL's init script");
        assertThatThrownBy(() -> assertThat(local).service("postgresql").isRunning())
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected service postgresql to be running, but it is not running (exit status 3)"
                        + " (/etc/init.d/postgresql status" + NOTE + ")");
        assertThatCode(() -> assertThat(local).service("postgresql").isNotRunning().isEnabled()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).service("postgresql").isNotEnabled())
                .hasMessage("app-1: expected service postgresql not to be enabled, but it is linked to start in /etc/rc[2-5].d"
                        + " (ls /etc/rc[2-5].d" + NOTE + ")");
    }

    @Test
    void initScriptNotLinkedToStart() {
        assumeTrue(Files.exists(Path.of("/etc/init.d/hwclock.sh")), "Debian ships hwclock.sh, linked in rcS.d only");
        // hwclock.sh is an init script without S links in runlevels 2-5
        assertThatThrownBy(() -> assertThat(local).service("hwclock.sh").isEnabled())
                .hasMessage("app-1: expected service hwclock.sh to be enabled, but it is not linked to start in /etc/rc[2-5].d"
                        + " (ls /etc/rc[2-5].d" + NOTE + ")");
    }

    @Test
    void unknownService() {
        assertThatThrownBy(() -> assertThat(local).service("no-such-daemon").isRunning())
                .hasMessage("app-1: expected service no-such-daemon to be running, but it is unknown: there is no"
                        + " /etc/init.d/no-such-daemon and no pid file /run/no-such-daemon.pid (/etc/init.d/no-such-daemon" + NOTE + ")");
        assertThatThrownBy(() -> assertThat(local).hasRunningService("no-such-daemon"))
                .hasMessageStartingWith("app-1: expected service no-such-daemon to be running, but it is unknown");
    }

    @Test
    void pidFileOfALiveAndOfADeadProcess() throws Exception {
        pidFileOfALiveAndOfADeadProcess(local);
    }

    /** A process this test starts, named by a pid file in /run, as the given view of this machine sees it. */
    private static void pidFileOfALiveAndOfADeadProcess(Host host) throws Exception {
        String name = "ijtest-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Path pidFile = Path.of("/run", name + ".pid");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(pidFile, sleeper.pid() + "\n");
            assertThatCode(() -> assertThat(host).service(name).isRunning()).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(host).service(name).isNotRunning())
                    .hasMessage("app-1: expected service " + name + " not to be running, but it is running (pid " + sleeper.pid()
                            + ") (pid file /run/" + name + ".pid)");
            assertThatThrownBy(() -> assertThat(host).service(name).isEnabled())
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("app-1: cannot tell whether service " + name + " starts at boot: no service manager knows it, only its"
                            + " pid file /run/" + name + ".pid");
            sleeper.destroy();
            sleeper.waitFor();
            assertThatThrownBy(() -> assertThat(host).service(name).isRunning())
                    .hasMessage("app-1: expected service " + name + " to be running, but it is not running: pid file /run/" + name
                            + ".pid names pid " + sleeper.pid() + ", which is not running (pid file /run/" + name + ".pid)");
        } finally {
            sleeper.destroy();
            Files.deleteIfExists(pidFile);
        }
    }

    /** hidepid hides root's processes from /proc, not from kill -0, which says EPERM for a live one. */
    @Test
    void aPidFileNamingAProcessTheLoginMayNotSeeIsStillRunning() throws Exception {
        pidFileOfALiveAndOfADeadProcess(NamespacedHost.asNobodyWithHiddenProcesses(local));
    }

    /** rc-update failing says nothing about the runlevels: neither "enabled" nor "not enabled" may pass. */
    @Test
    void anOpenRcWhoseRcUpdateFailsCannotTellWhetherAServiceStartsAtBoot(@TempDir Path tools) throws Exception {
        openRcTools(tools, "echo ' * rc-update: failed to load runlevels' >&2; exit 1");
        Host openRc = NamespacedHost.openRc(local, tools);

        assertThatCode(() -> assertThat(openRc).service("sshd").isRunning()).doesNotThrowAnyException();
        String expected = "app-1: cannot tell whether service sshd starts at boot: `rc-update show -v` exited with 1:"
                + " * rc-update: failed to load runlevels";
        eachCouldNotBeChecked(expected, () -> assertThat(openRc).service("sshd").isNotEnabled(),
                () -> assertThat(openRc).service("sshd").isEnabled());
    }

    /** rc-update show -v lists every service, in a runlevel or not: one it leaves out was not looked at. */
    @Test
    void anOpenRcWhoseRcUpdateDoesNotListAServiceCannotTellWhetherItStartsAtBoot(@TempDir Path tools) throws Exception {
        openRcTools(tools, "echo '                acpid |'; echo '                crond | default'");
        Host openRc = NamespacedHost.openRc(local, tools);

        assertThatThrownBy(() -> assertThat(openRc).service("sshd").isNotEnabled())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("app-1: cannot tell whether service sshd starts at boot: `rc-update show -v` does not list it");
    }

    @Test
    void openRcRunlevelsSayWhetherAServiceStartsAtBoot(@TempDir Path tools) throws Exception {
        openRcTools(tools, "echo '                acpid |'; echo '                 sshd | boot default'");
        Host openRc = NamespacedHost.openRc(local, tools);

        assertThatCode(() -> assertThat(openRc).service("sshd").isRunning().isEnabled()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(openRc).service("sshd").isNotEnabled())
                .hasMessage("app-1: expected service sshd not to be enabled, but it is in runlevel boot, default (rc-update show -v)");
    }

    /**
     * Stand-ins for OpenRC's tools: rc-service knows one service, sshd, started, as OpenRC prints
     * it; rc-update runs the given script.
     */
    private static void openRcTools(Path tools, String rcUpdate) throws IOException {
        executable(tools.resolve("rc-service"), "case \"$1\" in --exists) [ \"$2\" = -- ] && [ \"$3\" = sshd ];;"
                + " --) [ \"$2\" = sshd ] && [ \"$3\" = status ] && echo ' * status: started';; esac");
        executable(tools.resolve("rc-update"), "[ \"$*\" = 'show -v' ] || exit 2; " + rcUpdate);
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void noServiceManagerIsNotReportedAsNotRunning() {
        Host container = new NoServiceManagerHost(local);
        assertThatThrownBy(() -> assertThat(container).service("ssh").isNotRunning())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("app-1: cannot check service ssh: no service manager found (systemd is not running, no OpenRC,"
                        + " no /etc/init.d) and no pid file /run/ssh.pid or /var/run/ssh.pid" + NOTE);
    }

    /** systemctl failing says nothing about the service: neither "not running" nor "not enabled" may pass. */
    @Test
    void aSystemdThatDoesNotAnswerCannotBeChecked() {
        Host wedged = NamespacedHost.systemdWithoutBus(local);
        String expected = "app-1: cannot check service telnet: `systemctl show -p LoadState -p ActiveState -p SubState"
                + " -p UnitFileState -- telnet` exited with 1: Failed to connect to bus: No such file or directory";
        eachCouldNotBeChecked(expected, () -> assertThat(wedged).service("telnet").isNotRunning(),
                () -> assertThat(wedged).service("telnet").isNotEnabled());
    }

    private static void eachCouldNotBeChecked(String expected, ThrowingCallable... checks) {
        for (ThrowingCallable check : checks) {
            assertThatThrownBy(check).isInstanceOf(CouldNotCheckException.class).hasMessage(expected);
        }
    }

    @Test
    void namesThatCouldLeaveInitD() {
        assertThatThrownBy(() -> assertThat(local).service("../../usr/bin/touch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'../../usr/bin/touch' is not a service name: it must not be empty, '.', '..', or contain '/'");
    }
}

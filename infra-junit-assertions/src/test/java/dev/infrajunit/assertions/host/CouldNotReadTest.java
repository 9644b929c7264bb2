package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.AnsweringHost;
import dev.infrajunit.assertions.testing.LocalHosts;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tool that could not read what it was asked about says nothing about it: each of these answers
 * must end as "could not check", naming the host and what the tool said, never as a pass or as the
 * opposite finding.
 */
class CouldNotReadTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");
    private final Host local = hosts.host("app-1");

    @Test
    void aCommandThatFailsPrintsNothingAboutWhatItWasAskedFor() {
        eachCouldNotCheck("app-1: cannot check that `no-such-tool --list` prints no 'telnet': `no-such-tool --list` exited"
                        + " with 127: sh: 1: no-such-tool: not found",
                () -> assertThat(local).command("no-such-tool --list").hasStdoutNotContaining("telnet"));
    }

    @Test
    void anInitScriptAnsweringStatusUnknownIsNeitherRunningNorStopped() {
        Host sysv = new AnsweringHost(local).answer("if [ -d /run/systemd/system ]", 0, "sysv\n", "")
                .answer("if [ -x /etc/init.d/", 0, "exit=4\n", "");
        eachCouldNotCheck("app-1: cannot check service nginx: `/etc/init.d/nginx status` exited with 4: its status is unknown"
                        + " to the init script, which many init scripts answer without root",
                () -> assertThat(sysv).service("nginx").isRunning(), () -> assertThat(sysv).service("nginx").isNotRunning());
    }

    @Test
    void anUnreadableRunlevelDirectoryCannotTellWhetherAServiceStartsAtBoot() {
        Host sysv = new AnsweringHost(local).answer("if [ -d /run/systemd/system ]", 0, "sysv\n", "")
                .answer("if [ -x /etc/init.d/", 0, "exit=0\n", "")
                .answer("for d in /etc/rc2.d", 1, "", "ls: cannot open directory '/etc/rc3.d': Permission denied\n");
        eachCouldNotCheck("app-1: cannot tell whether service nginx starts at boot: `for d in /etc/rc2.d /etc/rc3.d /etc/rc4.d"
                        + " /etc/rc5.d; do if [ -d \"$d\" ]; then ls -- \"$d\" || exit 1; fi; done` exited with 1: ls: cannot open"
                        + " directory '/etc/rc3.d': Permission denied",
                () -> assertThat(sysv).service("nginx").isEnabled(), () -> assertThat(sysv).service("nginx").isNotEnabled());
    }

    @Test
    void anSsThatPrintsNoTableHasNotSaidThatNothingListens() {
        Host quiet = new AnsweringHost(local).answer("ss -ltun", 0, "", "");
        eachCouldNotCheck("app-1: cannot check listening ports: `ss -ltun` printed no table (not even its header line)",
                () -> assertThat(quiet).port(2299).isNotListening(), () -> assertThat(quiet).port(22).isListening());
    }

    @Test
    void aSysctlKeyThatMayNotBeReadIsNotAMissingKey() {
        Host denied = new AnsweringHost(local).answer("cat -- /proc/sys/kernel/secret_knob", 1, "",
                "cat: /proc/sys/kernel/secret_knob: Permission denied\n");
        eachCouldNotCheck("app-1: cannot check sysctl kernel.secret_knob: `cat -- /proc/sys/kernel/secret_knob` exited with 1:"
                        + " cat: /proc/sys/kernel/secret_knob: Permission denied",
                () -> assertThat(denied).sysctl("kernel.secret_knob").hasValue("1"));
    }

    @Test
    void anEmptyListingFromThePackageManagerFoundIsNoAnswer() {
        Host stray = new AnsweringHost(local).answer("if command -v dpkg-query", 0, "dpkg\n", "");
        eachCouldNotCheck("app-1: cannot check packages: dpkg-query lists no package at all, so it is not what manages this"
                        + " host's packages (or its database cannot be read)",
                () -> assertThat(stray).hasPackage("telnet"), () -> assertThat(stray).pkg("telnet").isNotInstalled());
    }

    @Test
    void aGetentThatFailsIsNoListOfUsers() {
        Host broken = new AnsweringHost(local).answer("getent passwd", 3, "root:x:0:0:root:/root:/bin/bash\n",
                "getent: enumeration not supported on passwd\n");
        eachCouldNotCheck("app-1: cannot check the user names of the processes: `getent passwd` exited with 3: getent:"
                        + " enumeration not supported on passwd",
                () -> assertThat(broken).process("java").runsAs("nobody"));
    }

    private static void eachCouldNotCheck(String expected, ThrowingCallable... checks) {
        for (ThrowingCallable check : checks) {
            assertThatThrownBy(check).isInstanceOf(CouldNotCheckException.class).hasMessage(expected);
        }
    }
}

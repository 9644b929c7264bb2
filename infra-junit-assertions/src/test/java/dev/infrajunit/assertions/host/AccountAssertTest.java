package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NoServiceManagerHost;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and groups of this machine, compared with /etc/passwd and /etc/group as read by the test itself. */
class AccountAssertTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host local;
    private String[] nobody;

    @BeforeEach
    void open() throws Exception {
        hosts = new LocalHosts("acct-1");
        local = hosts.host("acct-1");
        nobody = passwdLine("nobody").orElseThrow().split(":");
    }

    @AfterEach
    void close() {
        hosts.close();
    }

    private static Optional<String> passwdLine(String user) throws Exception {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith(user + ":")).findFirst();
    }

    @Test
    void existingUsers() {
        assertThatCode(() -> assertThat(local).user("root").exists().hasUid(0).hasHome("/root").belongsToGroups("root"))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).user("nobody").hasUid(Long.parseLong(nobody[2])).hasShell(nobody[6]).hasHome(nobody[5]))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(local).hasUser("root")).doesNotThrowAnyException();
    }

    @Test
    void userFailures() {
        assertThatThrownBy(() -> assertThat(local).user("nobody").hasShell("/bin/bash"))
                .hasMessage("acct-1: expected user nobody to have shell /bin/bash, but it has " + nobody[6] + " (getent passwd nobody)");
        assertThatThrownBy(() -> assertThat(local).user("nobody").hasUid(0))
                .hasMessage("acct-1: expected user nobody to have uid 0, but it has " + nobody[2] + " (getent passwd nobody)");
        assertThatThrownBy(() -> assertThat(local).user("root").hasHome("/home/root"))
                .hasMessage("acct-1: expected user root to have home /home/root, but it has /root (getent passwd root)");
        assertThatThrownBy(() -> assertThat(local).user("no-such-user").exists())
                .hasMessage("acct-1: expected user no-such-user to exist, but it does not (getent passwd no-such-user)");
        assertThatThrownBy(() -> assertThat(local).user("root").doesNotExist())
                .hasMessage("acct-1: expected user root not to exist, but it does, with uid 0 (getent passwd root)");
        assertThatThrownBy(() -> assertThat(local).user("root").belongsToGroups("root", "no-such-group"))
                .hasMessage("acct-1: expected user root to be in group no-such-group, but it is in root (id -Gn root)");
        assertThatCode(() -> assertThat(local).user("no-such-user").doesNotExist()).doesNotThrowAnyException();
    }

    @Test
    void groups() throws Exception {
        String[] root = Files.readAllLines(Path.of("/etc/group")).stream().filter(l -> l.startsWith("root:")).findFirst()
                .orElseThrow().split(":");
        assertThatCode(() -> assertThat(local).group("root").exists().hasGid(Long.parseLong(root[2])).hasMember("root"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).group("root").hasGid(4242))
                .hasMessage("acct-1: expected group root to have gid 4242, but it has 0 (getent group root)");
        assertThatThrownBy(() -> assertThat(local).group("root").hasMember("nobody"))
                .hasMessage("acct-1: expected user nobody to be in group root, but it is not (id -Gn nobody)");
        assertThatThrownBy(() -> assertThat(local).group("root").hasMember("no-such-user"))
                .hasMessage("acct-1: expected user no-such-user to exist, but it does not (getent passwd no-such-user)");
        assertThatThrownBy(() -> assertThat(local).group("no-such-group").exists())
                .hasMessage("acct-1: expected group no-such-group to exist, but it does not (getent group no-such-group)");
        assertThatCode(() -> assertThat(local).group("no-such-group").doesNotExist()).doesNotThrowAnyException();
    }

    @Test
    void withoutGetentThePasswdFileAnswers() {
        Host noGetent = new RestrictedPathHost(local, dir.resolve("bin"), "cat");
        assertThatCode(() -> assertThat(noGetent).user("nobody").exists().hasShell(nobody[6])).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(noGetent).group("root").exists().hasGid(0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(noGetent).user("no-such-user").exists())
                .hasMessage("acct-1: expected user no-such-user to exist, but it does not (getent passwd no-such-user)");
        org.assertj.core.api.Assertions.assertThat(Arrays.asList(nobody)).hasSize(7);
    }

    /** Without getent, an unreadable passwd file says nothing about the user: doesNotExist() must not pass. */
    @Test
    void withoutGetentAnUnreadablePasswdFileCannotBeChecked() {
        // no getent, and an empty /etc: cat /etc/passwd fails
        Host bare = new RestrictedPathHost(new NoServiceManagerHost(local), dir.resolve("bin"), "cat");
        assertThatThrownBy(() -> assertThat(bare).user("root").doesNotExist())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("acct-1: cannot check passwd entry root: `")
                .hasMessageEndingWith("` exited with 1: cat: /etc/passwd: No such file or directory");
        assertThatThrownBy(() -> assertThat(bare).group("root").doesNotExist())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("acct-1: cannot check group entry root: `")
                .hasMessageEndingWith("` exited with 1: cat: /etc/group: No such file or directory");
    }
}

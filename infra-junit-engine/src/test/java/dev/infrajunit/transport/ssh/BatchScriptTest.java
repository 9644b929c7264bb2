package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which commands a batch runs in its own shell, and which in a subshell of their own. */
class BatchScriptTest {

    private static final String BOUNDARY = "infra-junit-0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "uname -srm",
            "date +%s && stat -c '%F|%a' -- /etc/passwd && if [ -L /etc/passwd ]; then stat -L -c '%F|%a' -- /etc/passwd; fi",
            "if command -v dpkg-query >/dev/null 2>&1; then echo dpkg; dpkg-query -W -f='${Package}\\n'; else echo none; fi",
            "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release",
            "getent passwd -- 'it'\\''s' | cut -d: -f1",
            "echo \"$HOME\" $USER *.dump",
            "sudo -n sh -c 'cd /root && ls'",
            "! test -e /nologin",
            "while false; do sleep 1; done",
            "a &&\n b"})
    void aCommandThatCannotChangeItsShellRunsInTheBatchsShell(String line) {
        assertThat(ShellStateReading.leavesItsShellAlone(line)).isTrue();
        assertThat(BatchScript.of(BOUNDARY, List.of(line))).startsWith("command eval '{\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "cd /tmp",
            "'cd' /tmp",
            "c\\d /tmp",
            "\"cd\" /tmp",
            "$CMD /tmp",
            "c? /tmp",
            "command cd /tmp",
            "true && exit 3",
            "ls; set -e",
            "X=1",
            "X=1 ls",
            "2>/dev/null cd /tmp",
            "if true; then export X=1; fi",
            "for x in a; do :; done",
            "read x",
            "printf -v x %s y",
            "printf \"-v\" x %s y",
            "umask 077",
            ". ./env",
            "eval 'cd /'",
            "exec >&-",
            "echo ${x=1}",
            "echo \"${x=1}\"",
            "echo $(cd /)",
            "echo `cd /`",
            "(cd /tmp)",
            "{ cd /tmp; }",
            "f() { cd /; }",
            "case $1 in a) cd /;; esac",
            "echo ) ; exit 3",
            "echo $'\\'' ; exit 3",
            "sleep 1 &",
            "cat <<EOF\nx\nEOF",
            "true # comment",
            "echo 'unclosed",
            "echo \"unclosed",
            "echo trailing \\",
            "",
            " "})
    void anyOtherCommandRunsInASubshellOfItsOwn(String line) {
        assertThat(ShellStateReading.leavesItsShellAlone(line)).isFalse();
        assertThat(BatchScript.of(BOUNDARY, List.of(line))).startsWith("( eval ");
    }

    @Test
    void eachCommandIsFollowedByItsFramesOnBothStreams() {
        assertThat(BatchScript.of(BOUNDARY, List.of("true", "cd /")).lines().toList()).containsExactly(
                "command eval '{",
                "true",
                "} </dev/null'",
                "printf '\\n%s %s %s\\n' " + BOUNDARY + " 0 \"$?\"",
                "printf '\\n%s %s\\n' " + BOUNDARY + " 0 >&2",
                "( eval 'cd /' ) </dev/null",
                "printf '\\n%s %s %s\\n' " + BOUNDARY + " 1 \"$?\"",
                "printf '\\n%s %s\\n' " + BOUNDARY + " 1 >&2");
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.NamespacedHost;
import dev.infrajunit.assertions.testing.LocalHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes with names of their own: copies of sleep, so nothing else on the machine shares the name. */
class ProcessAssertTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private Host local;
    private final List<Process> started = new ArrayList<>();
    private String name;

    @BeforeEach
    void open() throws Exception {
        hosts = new LocalHosts("worker-1");
        local = hosts.host("worker-1");
        name = "ijsleep" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    @AfterEach
    void close() {
        started.forEach(Process::destroy);
        hosts.close();
    }

    private Process start(String program) throws Exception {
        Path copy = dir.resolve(program);
        if (!Files.exists(copy)) {
            Files.copy(Path.of("/bin/sleep"), copy);
            copy.toFile().setExecutable(true);
        }
        Process process = new ProcessBuilder(copy.toString(), "60").start();
        started.add(process);
        return process;
    }

    @Test
    void runningProcessesCountAndUser() throws Exception {
        Process first = start(name);
        Process second = start(name);
        assertThatCode(() -> assertThat(local).process(name).isRunning().hasCount(2).hasCountAtLeast(1).runsAs("root").runsAs("0"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).process(name).hasCount(3))
                .hasMessage("worker-1: expected process " + name + " to run as exactly 3 processes, but 2 are running: pids "
                        + first.pid() + ", " + second.pid() + " (/proc/*/status)");
        assertThatThrownBy(() -> assertThat(local).process(name).runsAs("www-data"))
                .hasMessage("worker-1: expected process " + name + " to have user www-data, but it has root (pid " + first.pid()
                        + "), root (pid " + second.pid() + ") (/proc/*/status)");
        assertThatThrownBy(() -> assertThat(local).process(name).isNotRunning())
                .hasMessage("worker-1: expected process " + name + " not to be running, but 2 are running: pids " + first.pid() + ", "
                        + second.pid() + " (/proc/*/status)");
    }

    @Test
    void notRunning() {
        assertThatThrownBy(() -> assertThat(local).process(name).isRunning())
                .hasMessage("worker-1: expected process " + name + " to be running, but no process has that name (/proc/*/status)");
        assertThatThrownBy(() -> assertThat(local).hasRunningProcess(name))
                .hasMessage("worker-1: expected process " + name + " to be running, but no process has that name (/proc/*/status)");
        assertThatThrownBy(() -> assertThat(local).process(name).hasCountAtLeast(1))
                .hasMessage("worker-1: expected process " + name + " to run as at least 1 process, but none runs (/proc/*/status)");
        assertThatCode(() -> assertThat(local).process(name).isNotRunning().hasCount(0)).doesNotThrowAnyException();
    }

    @Test
    void namesLongerThanTheKernelKeeps() throws Exception {
        String longName = name + "-with-a-long-tail";
        start(longName);
        assertThatCode(() -> assertThat(local).process(longName).isRunning().hasCount(1)).doesNotThrowAnyException();
    }

    /**
     * With /proc mounted hidepid, a login user sees only its own processes: a root daemon would
     * look "not running". PID 1 always exists, so not seeing it means the list is not the host's.
     */
    @Test
    void processesHiddenFromTheLoginUserCannotBeChecked() {
        Host hardened = NamespacedHost.hiddenProcesses(local);
        String expected = "worker-1: cannot check processes: process 1 is not visible in /proc, so the processes of other"
                + " users are hidden from the login user (is /proc mounted with hidepid?); give the host sudo: true to list"
                + " them with sudo -n";
        assertThatThrownBy(() -> assertThat(hardened).process("sh").isNotRunning())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> assertThat(hardened).process("sh").hasCount(1))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage(expected);
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The environment of a real process this test starts, under a name of its own, read from /proc. */
class ProcessEnvironmentTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");
    private final Host local = hosts.host("app-1");

    @TempDir
    Path directory;
    private Process probe;
    private long pid;

    @BeforeEach
    void startAProcessWithAnEnvironment() throws Exception {
        Path sleeper = Files.copy(Path.of("/bin/sleep"), directory.resolve("ijenvprobe"));
        sleeper.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(sleeper.toString(), "60");
        builder.environment().put("JAVA_OPTS", "-Xmx2g");
        probe = builder.start();
        pid = probe.pid();
    }

    @AfterEach
    void stop() {
        probe.destroy();
    }

    @Test
    void aVariableOfEveryProcessOfTheName() {
        assertThatCode(() -> assertThat(local).process("ijenvprobe").hasEnvironmentVariable("JAVA_OPTS", "-Xmx2g"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(local).process("ijenvprobe").hasEnvironmentVariable("JAVA_OPTS", "-Xmx4g"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected process ijenvprobe to have environment variable JAVA_OPTS=-Xmx4g, but it has"
                        + " JAVA_OPTS=-Xmx2g in pid " + pid + " (/proc/" + pid + "/environ)");
        assertThatThrownBy(() -> assertThat(local).process("ijenvprobe").hasEnvironmentVariable("TZ", "UTC"))
                .hasMessage("app-1: expected process ijenvprobe to have environment variable TZ=UTC, but it has no TZ in pid "
                        + pid + " (/proc/" + pid + "/environ)");
    }

    @Test
    void anotherUsersProcessCannotBeReadWithoutRoot() {
        Host nobody = NamespacedHost.withMounts(local, Map.of(), true);
        assertThatThrownBy(() -> assertThat(nobody).process("ijenvprobe").hasEnvironmentVariable("JAVA_OPTS", "-Xmx2g"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check the environment of pid " + pid + ": `")
                .hasMessageEndingWith("; only root and the process's own user may read /proc/" + pid + "/environ: give the"
                        + " check root (sudo: true for the host)");
    }
}

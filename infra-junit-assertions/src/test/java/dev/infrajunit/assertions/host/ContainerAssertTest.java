package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RestrictedPathHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers: this machine's real docker client, whose daemon does not run here, and a stand-in
 * docker that prints what {@code docker inspect} printed for a running and a crash-looping container.
 */
class ContainerAssertTest {

    private static final String RUNNING = """
            [{"Id": "4f1c2d", "Name": "/web", "RestartCount": 0,
              "State": {"Status": "running", "Running": true, "Restarting": false, "ExitCode": 0,
                        "Health": {"Status": "healthy", "FailingStreak": 0}},
              "Config": {"Image": "nginx:1.27", "Hostname": "4f1c2d"}}]
            """;
    private static final String CRASHING = """
            [{"Id": "9a8b7c", "Name": "/worker", "RestartCount": 14,
              "State": {"Status": "restarting", "Running": false, "Restarting": true, "ExitCode": 1},
              "Config": {"Image": "acme/worker:2.3.1"}}]
            """;

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");
    private final Host local = hosts.host("app-1");

    @TempDir
    Path directory;

    private Host withDocker(String script) throws IOException {
        Host host = new RestrictedPathHost(local, directory.resolve("bin"), "cat");
        Path docker = Files.writeString(directory.resolve("bin/docker"), "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return host;
    }

    @Test
    void aRunningHealthyContainer() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("web.json"), RUNNING);
        Host app = withDocker("case \"$*\" in *' web') cat " + directory.resolve("web.json") + ";;"
                + " *) echo '[]'; echo \"Error: No such container: $5\" >&2; exit 1;; esac\n");
        assertThatCode(() -> assertThat(app).container("web").exists().isRunning().hasImage("nginx:1.27")
                .hasRestartCountAtMost(0).isHealthy()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).container("web").hasImage("nginx:1.28"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected container web to have image nginx:1.28, but it has nginx:1.27 (docker inspect web)");
        assertThatThrownBy(() -> assertThat(app).container("db").isRunning())
                .hasMessage("app-1: expected container db to exist, but it does not (docker or podman inspect db)");
    }

    @Test
    void aCrashLoopingContainer() throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("worker.json"), CRASHING);
        Host app = withDocker("cat " + directory.resolve("worker.json") + "\n");
        assertThatThrownBy(() -> assertThat(app).container("worker").isRunning())
                .hasMessage("app-1: expected container worker to be running, but it is restarting (docker inspect worker)");
        assertThatThrownBy(() -> assertThat(app).container("worker").hasRestartCountAtMost(3))
                .hasMessage("app-1: expected container worker to have restarted at most 3 times, but it restarted 14 times"
                        + " (docker inspect worker)");
        assertThatThrownBy(() -> assertThat(app).container("worker").isHealthy())
                .hasMessage("app-1: expected container worker to be healthy, but it has no health check (docker inspect worker)");
    }

    @Test
    void aDockerWhoseDaemonIsNotRunningCannotSayAnything() {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")) || Files.isExecutable(Path.of("/usr/bin/docker")),
                "this machine has the docker client");
        assumeTrue(!Files.exists(Path.of("/var/run/docker.sock")), "no docker daemon runs here");
        assertThatThrownBy(() -> assertThat(local).container("web").isRunning())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check container web: `")
                .hasMessageContaining("Cannot connect to the Docker daemon")
                .hasMessageEndingWith("; the check needs the engine's socket: a login in the docker group, or sudo: true"
                        + " for the host");
    }

    @Test
    void withoutDockerOrPodman() {
        Host bare = new RestrictedPathHost(local, directory.resolve("bin"), "cat");
        assertThatThrownBy(() -> assertThat(bare).container("web").isRunning())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check container web: docker or podman is not installed");
    }
}

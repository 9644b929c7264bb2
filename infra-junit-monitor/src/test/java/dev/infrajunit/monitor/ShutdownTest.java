package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor as a process: SIGTERM in the middle of a cycle ends it within 10 s, its state saved. */
class ShutdownTest {

    @TempDir
    Path directory;

    @Test
    void sigtermDuringACycleEndsTheMonitorWithin10SecondsWithTheLastCompletedCycleSaved() throws Exception {
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1"), false);
        fleet.backup("db-1", "db-1-old.dump", Duration.ofHours(30));
        Path stateFile = directory.resolve("state.json");
        Path slow = directory.resolve("slow-from-now-on");
        Path output = directory.resolve("monitor.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dslow.marker=" + slow, "-cp", System.getProperty("java.class.path"), InfraMonitor.class.getName(),
                "--select-class", "dev.infrajunit.monitor.fixtures.BackupsSpec", "--select-class", "dev.infrajunit.monitor.fixtures.SlowSpec",
                "--config", "infra.environment=" + fleet.environmentFile(), "--interval", "3s", "--listen", "127.0.0.1:0",
                "--state-file", stateFile.toString()));
        Process monitor = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(stateFile)) {
                assertThat(System.nanoTime()).as("a first cycle within 60 s: " + Files.readString(output)).isLessThan(deadline);
                assertThat(monitor.isAlive()).as(Files.readString(output)).isTrue();
                Thread.sleep(50);
            }
            Files.createFile(slow);
            Thread.sleep(5_000); // the next cycle has begun and waits in the slow check
            long signalled = System.nanoTime();
            monitor.destroy(); // SIGTERM
            assertThat(monitor.waitFor(10, TimeUnit.SECONDS)).as("ended within 10 s").isTrue();
            long tookMillis = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(monitor.exitValue()).isEqualTo(143);
            MonitorState saved = new StateFile(stateFile, warning -> { throw new AssertionError(warning); }).load(Instant.now());
            assertThat(saved.cycle()).as("the cycle cut short is not saved").isEqualTo(1);
            assertThat(saved.checks()).hasSize(3);
            assertThat(Files.readString(output)).contains("infra-junit monitor: every 3s, page at http://127.0.0.1:");
            System.out.println("SIGTERM to exit: " + tookMillis + " ms");
        } finally {
            monitor.destroyForcibly();
        }
    }
}

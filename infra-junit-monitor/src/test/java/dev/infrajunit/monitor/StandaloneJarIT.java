package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone jar as the package phase built it, run with {@code java -jar} and nothing else on
 * its class path but the specs: the engine and the launcher are found through its merged service files.
 */
class StandaloneJarIT {

    @TempDir
    Path directory;

    @Test
    void javaMinusJarRunsTheSpecsGivenOnItsClassPath() throws Exception {
        Path jar = Path.of(System.getProperty("standalone.jar"));
        assertThat(jar).isRegularFile();
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1", "db-2"), false);
        fleet.backup("db-1", "db-1-today.dump", Duration.ofHours(3));
        fleet.backup("db-2", "db-2-old.dump", Duration.ofHours(30));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--once", "--format", "nagios", "--class-path", Path.of("target", "test-classes").toString(),
                "--select-class", "dev.infrajunit.monitor.fixtures.BackupsSpec",
                "--config", "infra.environment=" + fleet.environmentFile(), "--state-file", directory.resolve("state.json").toString())
                .redirectError(directory.resolve("stderr.txt").toFile()).start();
        // what Nagios reads: standard output only
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output + java.nio.file.Files.readString(directory.resolve("stderr.txt"))).isEqualTo(2);
        assertThat(output).startsWith("INFRA CRITICAL - 1 of 4 checks not passing: BackupsSpec.hasARecentBackup[db-2] | checks=4;;;0 passed=3;;;0");
        assertThat(output).contains("FAILED BackupsSpec.hasARecentBackup[db-2]: db-2: expected a backup younger than 24h");
    }
}

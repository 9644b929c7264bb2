package dev.infrajunit.monitor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.monitor.run.BackupAge;
import dev.infrajunit.monitor.run.CheckKey;
import dev.infrajunit.monitor.run.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    private static final Instant NOW = Instant.parse("2026-12-02T04:30:00Z");

    @TempDir
    Path directory;

    @Test
    void aSavedStateLoadsBackTheSame() throws IOException {
        StateFile file = new StateFile(directory.resolve("state.json"), warning -> { throw new AssertionError(warning); });
        MonitorState state = state(7, 3);
        file.save(state);
        assertThat(file.load(NOW)).isEqualTo(state);
        assertThat(Files.readString(directory.resolve("state.json"))).contains("\"cycle\" : 7", "\"troubleSince\" : \"2026-12-02T04:00:00Z\"");
    }

    @Test
    void noFileIsAFreshStart() {
        assertThat(new StateFile(directory.resolve("none.json"), warning -> { throw new AssertionError(warning); }).load(NOW))
                .isEqualTo(MonitorState.empty());
    }

    @Test
    void aCorruptFileIsMovedAsideWithAWarningAndTheMonitorStartsFresh() throws IOException {
        Path path = directory.resolve("state.json");
        Files.writeString(path, "{\"version\": 1, \"cycle\": 4, \"checks\": [ {\"spec\": ");
        List<String> warnings = new ArrayList<>();
        MonitorState loaded = new StateFile(path, warnings::add).load(NOW);
        assertThat(loaded).isEqualTo(MonitorState.empty());
        Path aside = directory.resolve("state.json.corrupt-20261202T043000Z");
        assertThat(path).doesNotExist();
        assertThat(aside).hasContent("{\"version\": 1, \"cycle\": 4, \"checks\": [ {\"spec\": ");
        assertThat(warnings).singleElement().asString()
                .startsWith("WARNING: the state file " + path + " could not be read (")
                .endsWith("); it was moved to " + aside + " and the monitor starts with no state");
    }

    @Test
    void aFileOfTheWrongShapeIsMovedAsideToo() throws IOException {
        Path path = directory.resolve("state.json");
        Files.writeString(path, "[1, 2, 3]");
        List<String> warnings = new ArrayList<>();
        assertThat(new StateFile(path, warnings::add).load(NOW)).isEqualTo(MonitorState.empty());
        assertThat(warnings).singleElement().asString().contains("(not a JSON object)");
        assertThat(directory.resolve("state.json.corrupt-20261202T043000Z")).hasContent("[1, 2, 3]");
    }

    /**
     * A child JVM saves state after state as fast as it can and is killed with SIGKILL at a random
     * moment, five times over: every time, the file holds a whole state, the last one saved or the
     * one being saved.
     */
    @Test
    void aMonitorKilledWhileWritingLeavesTheLastCompleteState() throws Exception {
        Path path = directory.resolve("state.json");
        for (int round = 0; round < 5; round++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StateWriter.class.getName(), path.toString())
                    .redirectErrorStream(true).start();
            long lastSaved = -1;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                long wanted = 3 + ThreadLocalRandom.current().nextInt(20);
                String line;
                while ((line = lines.readLine()) != null) {
                    assertThat(line).startsWith("saved ");
                    lastSaved = Long.parseLong(line.substring(6));
                    if (lastSaved >= wanted) {
                        // land the kill somewhere inside the next write
                        Thread.sleep(ThreadLocalRandom.current().nextInt(15));
                        writer.destroyForcibly(); // SIGKILL
                        break;
                    }
                }
            }
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            List<String> warnings = new ArrayList<>();
            MonitorState survived = new StateFile(path, warnings::add).load(NOW);
            assertThat(warnings).isEmpty();
            assertThat(survived.cycle()).isBetween(lastSaved, lastSaved + 1);
            assertThat(survived.checks()).hasSize(StateWriter.CHECKS);
            assertThat(survived.checks().values()).allSatisfy(check ->
                    assertThat(check.state().troubleSince()).contains(StateWriter.FAILING_SINCE));
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.filter(file -> file.getFileName().toString().contains("corrupt"))).isEmpty();
        }
    }

    /** Run in a child JVM by the test above: saves states of cycle 1, 2, 3, ... until killed. */
    public static final class StateWriter {

        static final int CHECKS = 2_000;
        static final Instant FAILING_SINCE = Instant.parse("2026-12-01T23:55:00Z");

        public static void main(String[] args) throws IOException {
            StateFile file = new StateFile(Path.of(args[0]), System.out::println);
            for (long cycle = 1; cycle < 100_000; cycle++) {
                TreeMap<CheckKey, TrackedCheck> checks = new TreeMap<>();
                for (int i = 0; i < CHECKS; i++) {
                    CheckState state = new CheckState(State.FAILING, false, (int) cycle, 0, Optional.of(FAILING_SINCE), FAILING_SINCE,
                            List.of(Result.FAIL, Result.FAIL, Result.FAIL), Result.FAIL, "host-" + i + ": expected a backup younger than 24h",
                            Duration.ofMillis(i), NOW);
                    checks.put(new CheckKey("com.acme.BackupSpec", "backup", "host-" + i), new TrackedCheck(state, Set.of("backup"), List.of()));
                }
                file.save(new MonitorState(cycle, Optional.of(NOW), Optional.of(NOW), List.of(), checks, new TreeMap<>()));
                System.out.println("saved " + cycle);
            }
        }
    }

    private static MonitorState state(long cycle, int failures) {
        TreeMap<CheckKey, TrackedCheck> checks = new TreeMap<>();
        CheckState failing = new CheckState(State.FAILING, false, failures, 0, Optional.of(Instant.parse("2026-12-02T04:00:00Z")),
                Instant.parse("2026-12-02T04:10:00Z"), List.of(Result.FAIL, Result.ERROR, Result.FAIL), Result.FAIL,
                "db-2: expected a backup younger than 24h, but \"<img src=x>\"", Duration.ofMillis(120), NOW);
        checks.put(new CheckKey("com.acme.BackupSpec", "backup", "db-2"), new TrackedCheck(failing, Set.of("backup", "db"),
                List.of(new BackupAge("db-2", "files /var/backups/pg/*.dump", 183_600.5, 86_400))));
        checks.put(new CheckKey("com.acme.BackupSpec", "s3", ""), new TrackedCheck(CheckState.fresh(NOW), Set.of(), List.of()));
        TreeMap<String, CheckState> hosts = new TreeMap<>();
        hosts.put("db-2", CheckState.fresh(NOW));
        return new MonitorState(cycle, Optional.of(NOW.minusSeconds(3)), Optional.of(NOW), List.of("a mistake"), checks, hosts);
    }
}

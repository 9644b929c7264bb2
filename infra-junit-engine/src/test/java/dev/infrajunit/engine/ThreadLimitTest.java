package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.embedded.EmbeddedFleet;
import dev.infrajunit.engine.fixtures.limits.ThreadLimitedRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in JVMs whose threads a real pids cgroup limits, as a container's pids limit or
 * {@code ulimit -u} limits them. A first run, unlimited, measures how many tasks the run needs at
 * most. Then, once a run has started and before any check runs, the limit is set between what the JVM
 * has and what it will need, so starting threads for checks and connections fails partway through:
 * the run ends normally, reports every check, and a check that got no thread is an error of its host
 * that says what to do. Hosts are embedded SSH servers in this JVM, outside the cgroup.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadLimitTest {

    private static final int PARALLELISM = 8;
    private static final int CHECKS_PER_HOST = 3;
    private static final Pattern HOST_ROW = Pattern.compile("\\w+\\[(host-\\d+)]");

    @TempDir
    Path dir;
    private EmbeddedFleet fleet;

    @AfterEach
    void stopHosts() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** What one run in a cgroup printed, and what the cgroup counted. */
    private record LimitedRun(List<String> output, long tasksAtStart, long peakTasks, long refusals) {

        String said() {
            return String.join("\n", output);
        }

        List<String[]> finished(String type) {
            return output.stream().filter(line -> line.startsWith("finished\t")).map(line -> line.split("\t", -1))
                    .filter(row -> row[1].equals(type)).toList();
        }
    }

    @Test
    void aLimitBetweenWhatTheRunHasAndWhatItNeedsCostsErrorsOfTheAffectedHostsOnly() throws Exception {
        Path environment = hosts(20);
        LimitedRun unlimited = run(environment, atStart -> -1);
        assertEveryCheckReported(unlimited, 20);
        assertThat(unlimited.finished("TEST")).allSatisfy(row -> assertThat(row[2]).as(String.join(" ", row)).isEqualTo("SUCCESSFUL"));
        long needed = unlimited.peakTasks() - unlimited.tasksAtStart();

        LimitedRun limited = run(environment, atStart -> atStart + needed * 2 / 3);

        System.out.printf("tasks when the checks began %d, at most %d unlimited; limited to %d more: %d thread starts refused,"
                        + " %d of %d checks could not check%n", unlimited.tasksAtStart(), unlimited.peakTasks(), needed * 2 / 3,
                limited.refusals(), notPassed(limited).size(), limited.finished("TEST").size());
        assertThat(limited.refusals()).as("thread starts refused at the limit").isPositive();
        assertEveryCheckReported(limited, 20);
        assertAffectedChecksAreErrorsOfTheirHosts(limited);
        assertThat(limited.finished("TEST").size() - notPassed(limited).size()).as("checks that ran; %s", limited.said())
                .isPositive();
    }

    @Test
    void aLimitJustAboveWhatTheRunHasWhenItsChecksBeginFailsEveryCheckAsAnErrorOfItsHost() throws Exception {
        LimitedRun limited = run(hosts(4), atStart -> atStart + 2);

        assertThat(limited.refusals()).as("thread starts refused at the limit").isPositive();
        assertEveryCheckReported(limited, 4);
        assertAffectedChecksAreErrorsOfTheirHosts(limited);
        assertThat(notPassed(limited)).as(limited.said()).isNotEmpty();
    }

    private static void assertEveryCheckReported(LimitedRun run, int hosts) {
        assertThat(run.output()).as(run.said()).contains("run over");
        assertThat(run.finished("CONTAINER")).as("the engine, the spec and its checks, none aborted; %s", run.said())
                .hasSize(2 + CHECKS_PER_HOST)
                .allSatisfy(row -> assertThat(row[2]).as(String.join(" ", row)).isEqualTo("SUCCESSFUL"));
        assertThat(run.finished("TEST")).as("every check of every host; %s", run.said()).hasSize(CHECKS_PER_HOST * hosts);
    }

    private static void assertAffectedChecksAreErrorsOfTheirHosts(LimitedRun run) {
        assertThat(notPassed(run)).allSatisfy(row -> {
            Matcher name = HOST_ROW.matcher(row[3]);
            assertThat(name.matches()).as(row[3]).isTrue();
            assertThat(row[2]).isEqualTo("FAILED");
            assertThat(row[4]).isEqualTo("dev.infrajunit.CouldNotCheckException");
            assertThat(row[5]).startsWith(name.group(1) + ": ").contains("unable to create native thread", ThreadLimit.ADVICE);
        });
    }

    private static List<String[]> notPassed(LimitedRun run) {
        return run.finished("TEST").stream().filter(row -> !row[2].equals("SUCCESSFUL")).toList();
    }

    /**
     * Runs the spec over the environment in a JVM in a new pids cgroup. Once the run has started, the
     * cgroup is limited to {@code limit} applied to the tasks it has then (a negative limit: none).
     * When the run is over the limit is lifted, so that the JVM can end: what it needs to exit is
     * the JVM's own affair.
     */
    private LimitedRun run(Path environment, LongUnaryOperator limit) throws Exception {
        try (PidsCgroup cgroup = PidsCgroup.create("thread-limit")) {
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ThreadLimitedRun.class.getName(),
                    environment.toString(), String.valueOf(PARALLELISM));
            Process jvm = new ProcessBuilder(cgroup.inside(java)).redirectErrorStream(true).start();
            try {
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                List<String> output = new ArrayList<>();
                reading(jvm, lines);
                awaitLine(lines, output, "run started", 60);
                long atStart = cgroup.current();
                long max = limit.applyAsLong(atStart);
                if (max >= 0) {
                    cgroup.limit(max);
                }
                try (OutputStream in = jvm.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
                awaitLine(lines, output, "run over", 150);
                long refusals = cgroup.refusals();
                long peak = cgroup.peak();
                cgroup.unlimit();
                assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
                assertThat(jvm.exitValue()).isZero();
                return new LimitedRun(output, atStart, peak, refusals);
            } finally {
                jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code count} hosts played by embedded SSH servers in this JVM, and their environment file. */
    private Path hosts(int count) throws IOException {
        fleet = EmbeddedFleet.start(dir, count);
        return Files.writeString(dir.resolve("limited.yaml"), fleet.environment());
    }

    private static void reading(Process jvm, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the JVM's output failed: " + e + ")");
            }
        }, "limited-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> output, String wanted, int seconds)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() - until < 0) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                output.add(line);
                if (line.equals(wanted)) {
                    return;
                }
            }
        }
        throw new AssertionError("the JVM did not print '" + wanted + "' within " + seconds + " s; it said:\n"
                + String.join("\n", output));
    }
}

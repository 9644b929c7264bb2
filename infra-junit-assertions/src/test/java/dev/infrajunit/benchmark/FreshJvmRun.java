package dev.infrajunit.benchmark;

import dev.infrajunit.embedded.ResourcePeaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * One run of {@link FleetBaselineSpec} in a JVM of its own, started with the JVM's default settings
 * and doing nothing else, as a build's test JVM does: its peaks are what a user's {@code mvn test}
 * sees, not those of the benchmark's JVM, whose heap also holds what its rounds and loops left.
 * The {@link BareSshjLoop} runs once in a fresh JVM too, so that a first run compares with a
 * first loop, each paying for its own class loading and compilation.
 */
final class FreshJvmRun {

    /** What the run's JVM measured: its checks, their wall time, and its peaks. */
    record Measured(long succeeded, long failed, double wallSeconds, double rssMb, int threads) {

        private static Measured parse(String line) {
            String[] fields = line.trim().split(" ");
            if (fields.length != 5) {
                throw new IllegalStateException("the fresh JVM's run printed '" + line + "', not its five measurements");
            }
            return new Measured(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]), Integer.parseInt(fields[4]));
        }

        private String line() {
            return String.format(Locale.ROOT, "%d %d %.3f %.1f %d", succeeded, failed, wallSeconds, rssMb, threads);
        }
    }

    private FreshJvmRun() {
    }

    /**
     * Starts a JVM on this one's class path (Surefire's test class path when run under it) that runs
     * the spec over {@code environment}, and returns what it measured.
     */
    static Measured measure(Path environment, int parallelism, Path reportDir) throws IOException, InterruptedException {
        return Measured.parse(lastLine(FreshJvmRun.class, reportDir.getParent(),
                environment.toString(), String.valueOf(parallelism), reportDir.toString()));
    }

    /** The wall seconds of {@link BareSshjLoop} in a fresh JVM, sending the command lines in {@code commands}. */
    static double measureLoop(Path commands, int hosts, int sessionsPerHost, int parallelism)
            throws IOException, InterruptedException {
        return Double.parseDouble(lastLine(BareSshjLoop.class, commands.getParent(), commands.toString(),
                String.valueOf(hosts), String.valueOf(sessionsPerHost), String.valueOf(parallelism)).trim());
    }

    private static String lastLine(Class<?> main, Path workDir, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        // to a file, so that waiting for it is bounded even if it never ends
        Path output = Files.createTempFile(workDir, "fresh-jvm-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the fresh JVM's " + main.getSimpleName() + " did not end within 5 minutes;"
                    + " its output: " + output);
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("the fresh JVM's " + main.getSimpleName() + " exited with " + process.exitValue()
                    + ": " + lines);
        }
        return lines.get(lines.size() - 1);
    }

    /** Arguments: the environment file, {@code infra.parallelism}, the report directory. */
    public static void main(String[] args) throws Exception {
        LauncherDiscoveryRequest request = FleetBenchmark.request(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        ResourcePeaks peaks = ResourcePeaks.start();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long start = System.nanoTime();
        LauncherFactory.create().execute(request, summary);
        double wall = (System.nanoTime() - start) / 1e9;
        ResourcePeaks.Peaks peak = peaks.stop();
        TestExecutionSummary result = summary.getSummary();
        System.out.println(new Measured(result.getTestsSucceededCount(), result.getTotalFailureCount(), wall, peak.rssMb(),
                peak.threads()).line());
    }
}

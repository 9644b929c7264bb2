package dev.infrajunit.engine.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of every run of one build, kept beside the report, so that the report shows them all.
 * A build may run the specs many times: Surefire runs each spec class on its own, and with
 * {@code forkCount > 1} in several JVMs at once, each writing the report when its run ends. Each run
 * stores its results in {@code runs/} under the report directory, and the report is made from all
 * the runs of its build; those of an earlier build are deleted. A build is one Surefire execution
 * (its forks name it in their command line, as their {@code <timestamp>-jvmRun<N>} dump files do),
 * or else one JVM. A check run again in the same build (Surefire's {@code rerunFailingTestsCount})
 * shows its last result.
 */
final class StoredRuns {

    /** One run's results. */
    record Run(String environment, Instant started, Instant finished, List<CheckResult> results) {
    }

    private static final Pattern SUREFIRE_FORK = Pattern.compile("(\\S+)-jvmRun\\d+");
    private static final String SUFFIX = ".run";
    private static final AtomicInteger RUNS_OF_THIS_JVM = new AtomicInteger();
    /** A file lock is held by the JVM, not a thread: threads of this JVM take turns here first. */
    private static final Object IN_THIS_JVM = new Object();

    private StoredRuns() {
    }

    /**
     * Stores {@code run} in {@code directory}'s {@code runs/}, and hands every run of the build so far,
     * merged into one, to {@code write} while no other run of the build can store or write.
     */
    static void store(Path directory, Run run, Consumer<Run> write) throws IOException {
        store(directory, build(), run, write);
    }

    static void store(Path directory, String build, Run run, Consumer<Run> write) throws IOException {
        Path runs = Files.createDirectories(directory.resolve("runs"));
        synchronized (IN_THIS_JVM) {
            try (FileChannel lockFile = FileChannel.open(runs.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock locked = lockFile.lock()) {
                String name = build + "--" + ProcessHandle.current().pid() + "-" + RUNS_OF_THIS_JVM.incrementAndGet() + SUFFIX;
                Path temporary = runs.resolve(name + ".tmp");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                    RunFormat.write(run, out);
                }
                Files.move(temporary, runs.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                List<Run> all = runsOf(runs, build, name);
                all.add(run);
                all.sort(Comparator.comparing(Run::started));
                write.accept(merged(all));
            }
        }
    }

    /** The build this JVM's runs belong to, as a file name's start. */
    static String build() {
        if (System.getProperty("surefire.real.class.path") != null) {
            Matcher fork = SUREFIRE_FORK.matcher(System.getProperty("sun.java.command", ""));
            if (fork.find()) {
                return "surefire-" + fork.group(1).replaceAll("[^A-Za-z0-9_.-]", "_");
            }
        }
        ProcessHandle self = ProcessHandle.current();
        return "jvm-" + self.pid() + "-" + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** The stored runs of {@code build} but the one in {@code own}; those of other builds are deleted. */
    private static List<Run> runsOf(Path runs, String build, String own) throws IOException {
        List<Run> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(build + "--")) {
                    Files.deleteIfExists(file);
                    continue;
                }
                if (name.equals(own)) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    found.add(RunFormat.read(in));
                } catch (IOException e) {
                    // written by another version of infra-junit, or cut short: not a run of this build's report
                    Files.deleteIfExists(file);
                }
            }
        }
        return found;
    }

    /** One run of them all: a check's last result wins, in the place of its first. */
    private static Run merged(List<Run> runs) {
        Map<String, CheckResult> byCheck = new LinkedHashMap<>();
        List<String> environments = new ArrayList<>();
        for (Run run : runs) {
            if (!environments.contains(run.environment())) {
                environments.add(run.environment());
            }
            run.results().stream().sorted(Comparator.comparingInt(CheckResult::order))
                    .forEach(result -> byCheck.put(result.column() + "\0" + result.host(), result));
        }
        List<CheckResult> results = new ArrayList<>();
        for (CheckResult result : byCheck.values()) {
            results.add(result.at(results.size()));
        }
        return new Run(String.join(", ", environments), runs.get(0).started(),
                runs.stream().map(Run::finished).max(Comparator.naturalOrder()).orElseThrow(), results);
    }
}

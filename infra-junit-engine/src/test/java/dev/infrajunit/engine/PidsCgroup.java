package dev.infrajunit.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child cgroup of the cgroup v1 {@code pids} controller: a limit on the tasks (processes and
 * threads) of the processes put into it, as a container's pids limit or {@code ulimit -u} set it.
 * Making one needs root and a writable {@code /sys/fs/cgroup/pids}. Without them the calling test
 * is skipped, saying why, or fails when the system property {@code infra.test.cgroup=required} says
 * the machine has them (as {@code scripts/test} does), so a limit that could not be set cannot pass
 * for a green run.
 */
final class PidsCgroup implements AutoCloseable {

    static final Path CONTROLLER = Path.of("/sys/fs/cgroup/pids");

    private final Path dir;

    private PidsCgroup(Path dir) {
        this.dir = dir;
    }

    /** A new, unlimited child cgroup named after {@code purpose} and this JVM. */
    static PidsCgroup create(String purpose) {
        Path dir = CONTROLLER.resolve("infra-junit-" + purpose + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        String problem = null;
        if (!Files.isWritable(CONTROLLER.resolve("cgroup.procs"))) {
            problem = "No writable cgroup v1 pids controller at " + CONTROLLER + " (this needs root and cgroup v1)";
        } else {
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                problem = "Could not make the pids cgroup " + dir + ": " + e;
            }
        }
        if (problem != null) {
            if ("required".equals(System.getProperty("infra.test.cgroup"))) {
                throw new IllegalStateException(problem + " (infra.test.cgroup=required)");
            }
            assumeTrue(false, problem);
        }
        return new PidsCgroup(dir);
    }

    /**
     * The command line that runs {@code command} inside this cgroup from its first instruction: a
     * shell that moves itself in, then becomes the command.
     */
    List<String> inside(List<String> command) {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ > '" + dir.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
        line.addAll(command);
        return line;
    }

    /** Tasks in the cgroup now. */
    long current() {
        return Long.parseLong(read("pids.current"));
    }

    /** The most tasks it held at once. */
    long peak() {
        return Long.parseLong(read("pids.peak"));
    }

    /** No limit from now on. */
    void unlimit() {
        write("pids.max", "max");
    }

    /** At most {@code tasks} tasks from now on; those already there stay. */
    void limit(long tasks) {
        write("pids.max", String.valueOf(tasks));
    }

    /** How many times a fork or thread start was refused at the limit. */
    long refusals() {
        String events = read("pids.events");
        return Long.parseLong(events.substring(events.indexOf(' ') + 1).strip());
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String value) {
        try {
            Files.writeString(dir.resolve(file), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the cgroup once its processes have ended (waiting a bounded time for them to). */
    @Override
    public void close() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - until > 0) {
                    throw new UncheckedIOException("Could not remove the pids cgroup " + dir, e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One local process that runs one command of a host, bounded in time: both output streams drained
 * concurrently (a command that fills one pipe cannot block), the whole process tree stopped at the
 * timeout, and every way it can go wrong a {@link CouldNotCheckException} naming the host.
 */
final class ProcessRun {

    private static final File NULL_DEVICE = new File("/dev/null");

    private ProcessRun() {
    }

    /**
     * @param argv   the process to start
     * @param script what to write to its standard input, which is then closed; empty for none
     * @param how    how messages name the process when it cannot be started: {@code a local shell}
     */
    static CommandResult run(String host, List<String> argv, Optional<String> script, Command command, Duration timeout,
                             String how) {
        long started = System.nanoTime();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv);
            if (script.isEmpty()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new CouldNotCheckException(host, "could not start " + how + " to run '" + command.line() + "': "
                    + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), DaemonThreads.OUTPUT_READERS);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), DaemonThreads.OUTPUT_READERS);
        try {
            script.ifPresent(text -> write(process, text));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stopWhole(process);
                throw new CouldNotCheckException(host, "command timed out after " + Durations.format(timeout)
                        + ": " + command.line() + " (raise commandTimeout for this host if it is expected to be slow)");
            }
            return new CommandResult(host, command.line(), process.exitValue(),
                    stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS), stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            stopWhole(process);
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(host, "interrupted while running: " + command.line(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CouldNotCheckException(host, "could not read the output of: " + command.line(), e);
        }
    }

    /** A process that exits without reading its input closes the pipe: what it did is in its exit status. */
    private static void write(Process process, String text) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the process ended before it read everything
        }
    }

    /** The parent first: with its children killed first, a shell would run the rest of its command line. */
    private static void stopWhole(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.transport.output.CapturedOutput;
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
 * One local process that runs one command of a host, bounded in time and in output: both output
 * streams drained concurrently, stdout cut at {@link CapturedOutput#STDOUT_LIMIT}, the whole process
 * tree stopped at the timeout, and every way it can go wrong a {@link CouldNotCheckException}
 * naming the host.
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
        // Both streams are drained concurrently, so a command that fills one pipe cannot block; an
        // endless stdout is cut at its limit and the process stopped.
        CompletableFuture<CapturedOutput> stdout = CompletableFuture.supplyAsync(
                () -> read(process.getInputStream(), in -> CapturedOutput.stdout(in, () -> stopWhole(process))),
                DaemonThreads.OUTPUT_READERS);
        CompletableFuture<CapturedOutput> stderr = CompletableFuture.supplyAsync(
                () -> read(process.getErrorStream(), CapturedOutput::stderr), DaemonThreads.OUTPUT_READERS);
        try {
            script.ifPresent(text -> write(process, text));
            CapturedOutput output = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (output.cut()) {
                stopWhole(process);
                throw CapturedOutput.tooLong(host, command.line());
            }
            if (!process.waitFor(Math.max(0, timeout.toNanos() - (System.nanoTime() - started)), TimeUnit.NANOSECONDS)) {
                stopWhole(process);
                throw timedOut(host, command, timeout);
            }
            return new CommandResult(host, command.line(), process.exitValue(), output.text(),
                    stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS).text(), Duration.ofNanos(System.nanoTime() - started));
        } catch (TimeoutException e) {
            stopWhole(process);
            throw timedOut(host, command, timeout);
        } catch (InterruptedException e) {
            stopWhole(process);
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(host, "interrupted while running: " + command.line(), e);
        } catch (ExecutionException e) {
            stopWhole(process);
            throw new CouldNotCheckException(host, "could not read the output of: " + command.line(), e);
        }
    }

    private static CouldNotCheckException timedOut(String host, Command command, Duration timeout) {
        return new CouldNotCheckException(host, "command timed out after " + Durations.format(timeout)
                + ": " + command.line() + " (raise commandTimeout for this host if it is expected to be slow)");
    }

    /** A stream reader that may fail with an {@link IOException}. */
    private interface Reader {
        CapturedOutput read(InputStream in) throws IOException;
    }

    private static CapturedOutput read(InputStream in, Reader reader) {
        try {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}

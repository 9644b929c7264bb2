package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.spi.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs commands with {@code sh -c} on the machine that runs the specs ({@code transport: local}). */
public final class LocalTransport implements Transport {

    private final String hostName;

    public LocalTransport(String hostName) {
        this.hostName = hostName;
    }

    @Override
    public CommandResult execute(Command command, Duration timeout) {
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command.line()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new CouldNotCheckException(hostName, "could not start a local shell to run '" + command.line() + "': " + e.getMessage(), e);
        }
        // Both streams are drained concurrently, so a command that fills one pipe cannot block.
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), DaemonThreads.OUTPUT_READERS);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), DaemonThreads.OUTPUT_READERS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stopWhole(process);
                throw new CouldNotCheckException(hostName, "command timed out after " + Durations.format(timeout)
                        + ": " + command.line() + " (raise commandTimeout for this host if it is expected to be slow)");
            }
            return new CommandResult(hostName, command.line(), process.exitValue(),
                    stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS), stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            stopWhole(process);
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(hostName, "interrupted while running: " + command.line(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CouldNotCheckException(hostName, "could not read the output of: " + command.line(), e);
        }
    }

    /** The shell first: with its children killed first, it would run the rest of its command line. */
    private static void stopWhole(Process process) {
        java.util.List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
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

    @Override
    public void close() {
        // nothing stays open between commands
    }
}

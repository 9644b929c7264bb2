package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import dev.infrajunit.spi.Transport;
import dev.infrajunit.transport.output.CapturedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        CompletableFuture<CapturedOutput> stdout = CompletableFuture.supplyAsync(
                () -> read(process.getInputStream(), in -> CapturedOutput.stdout(in, () -> stopWhole(process))),
                TransportThreads.READERS);
        CompletableFuture<CapturedOutput> stderr = CompletableFuture.supplyAsync(
                () -> read(process.getErrorStream(), CapturedOutput::stderr), TransportThreads.READERS);
        try {
            CapturedOutput output = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (output.cut()) {
                stopWhole(process);
                throw CapturedOutput.tooLong(hostName, command.line());
            }
            if (!process.waitFor(Math.max(0, timeout.toNanos() - (System.nanoTime() - started)), TimeUnit.NANOSECONDS)) {
                stopWhole(process);
                throw timedOut(command, timeout);
            }
            return new CommandResult(hostName, command.line(), process.exitValue(), output.text(),
                    stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS).text(), Duration.ofNanos(System.nanoTime() - started));
        } catch (java.util.concurrent.TimeoutException e) {
            stopWhole(process);
            throw timedOut(command, timeout);
        } catch (InterruptedException e) {
            stopWhole(process);
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(hostName, "interrupted while running: " + command.line(), e);
        } catch (ExecutionException e) {
            stopWhole(process);
            throw new CouldNotCheckException(hostName, "could not read the output of: " + command.line(), e);
        }
    }

    private CouldNotCheckException timedOut(Command command, Duration timeout) {
        return new CouldNotCheckException(hostName, "command timed out after " + Durations.format(timeout)
                + ": " + command.line() + " (raise commandTimeout for this host if it is expected to be slow)");
    }

    /** A stream reader that may fail with an {@link IOException}. */
    private interface Reader {
        CapturedOutput read(InputStream in) throws IOException;
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

    private static CapturedOutput read(InputStream in, Reader reader) {
        try {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // nothing stays open between commands
    }
}

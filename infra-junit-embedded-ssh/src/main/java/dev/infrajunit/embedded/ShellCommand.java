package dev.infrajunit.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One exec request, run the way OpenSSH runs it: {@code /bin/sh -c <line>} as the server's user,
 * with the channel's standard input (where the client sends a script for {@code sh -s}).
 */
final class ShellCommand implements Command {

    private final String line;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final ExecutorService pumps;
    private final Set<ShellCommand> running;
    private OutputStream out;
    private OutputStream err;
    private InputStream in;
    private ExitCallback exit;
    private volatile Process process;

    ShellCommand(String line, Path workingDirectory, Map<String, String> environment, ExecutorService pumps,
                 Set<ShellCommand> running) {
        this.line = line;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.pumps = pumps;
        this.running = running;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", line).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            err.write(("cannot start /bin/sh in " + workingDirectory + ": " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(126);
            return;
        }
        running.add(this);
        Process started = process;
        pumps.execute(() -> feed(started));
        pumps.execute(this::pumpUntilExit);
    }

    private void pumpUntilExit() {
        Process started = process;
        try {
            Future<?> stderr = pumps.submit(() -> copy(started.getErrorStream(), err));
            copy(started.getInputStream(), out);
            stderr.get();
            exit.onExit(started.waitFor());
        } catch (Exception e) {
            // The channel went away (client gone, server killed): nobody is left to read the result.
            kill();
        } finally {
            running.remove(this);
        }
    }

    /** The client's input to the process, closed when the client sends EOF (or the process stops reading). */
    private void feed(Process started) {
        try (OutputStream toProcess = started.getOutputStream()) {
            byte[] buffer = new byte[8 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                toProcess.write(buffer, 0, n);
                toProcess.flush();
            }
        } catch (IOException e) {
            // the process ended without reading all of it, or the channel closed
        }
    }

    private static Void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[32 * 1024];
        try (from) {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                // Flushed at once so a client sees output of a command that has not finished yet.
                to.flush();
            }
        }
        return null;
    }

    void kill() {
        Process started = process;
        if (started != null) {
            // the shell first: killed children first, it would run the rest of its command line
            List<ProcessHandle> children = started.descendants().toList();
            started.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        kill();
    }
}

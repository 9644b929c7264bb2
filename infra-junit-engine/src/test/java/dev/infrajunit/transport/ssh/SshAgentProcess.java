package dev.infrajunit.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real {@code ssh-agent} on a socket of the test's own, stopped by its PID. */
public final class SshAgentProcess implements AutoCloseable {

    private final Process process;
    private final Path socket;

    private SshAgentProcess(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    public static SshAgentProcess start(Path socket) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        if (!Files.exists(socket)) {
            process.destroyForcibly();
            throw new IllegalStateException("ssh-agent did not create " + socket);
        }
        return new SshAgentProcess(process, socket);
    }

    public Path socket() {
        return socket;
    }

    public void add(Path privateKey) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("ssh-add", privateKey.toString()).redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process add = builder.start();
        String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!add.waitFor(10, TimeUnit.SECONDS) || add.exitValue() != 0) {
            throw new IllegalStateException("ssh-add " + privateKey + " failed: " + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}

package dev.infrajunit.assertions.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This machine as a host that root logs in to over real OpenSSH: an sshd of the test's own, started
 * in a network namespace the test creates, with firewall rules the test loads there. The client
 * reaches it through a {@code ProxyCommand} that runs {@code nc} inside the namespace, so nothing
 * listens outside it and the host's firewall is the namespace's alone. Everything else (files,
 * processes, crontabs, sshd's own configuration) is this machine's, read as root. Closing stops the
 * sshd and deletes the namespace.
 */
public final class RootOpenSshHost implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int PORT = 2222;

    private final String namespace;
    private final Process sshd;
    private final HostDefinition definition;

    private RootOpenSshHost(String namespace, Process sshd, HostDefinition definition) {
        this.namespace = namespace;
        this.sshd = sshd;
        this.definition = definition;
    }

    /** Starts it, or skips the calling test where this machine cannot: not root, or no sshd, ip or nc. */
    public static RootOpenSshHost start(String name, Path directory, String nftRules) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a network namespace and a root login need root");
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/bin/nc", "/usr/sbin/nft")) {
            assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is installed");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/bin/ip")), "ip is installed");
        String namespace = "ijroot" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        run("ip", "netns", "add", namespace);
        Process sshd = null;
        try {
            run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
            run("ip", "netns", "exec", namespace, "nft", "-f", Files.writeString(directory.resolve("rules.nft"), nftRules).toString());
            Path hostKey = directory.resolve("ssh_host_ed25519_key");
            Path clientKey = directory.resolve("id_ed25519");
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", hostKey.toString());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root-login", "-f", clientKey.toString());
            Path authorizedKeys = Files.copy(Path.of(clientKey + ".pub"), directory.resolve("authorized_keys"));
            // StrictModes would refuse keys under the temporary directory, which is world-writable
            Path config = Files.writeString(directory.resolve("sshd_config"), """
                    ListenAddress 127.0.0.1:%d
                    HostKey %s
                    PidFile %s
                    UsePAM no
                    PermitRootLogin prohibit-password
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    AuthorizedKeysFile %s
                    StrictModes no
                    LogLevel ERROR
                    """.formatted(PORT, hostKey, directory.resolve("sshd.pid"), authorizedKeys));
            // ip netns exec execs sshd, so the process is sshd itself
            sshd = new ProcessBuilder("ip", "netns", "exec", namespace, "/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("sshd.log").toFile()).start();
            awaitListening(namespace, sshd, directory.resolve("sshd.log"));
            Path knownHosts = Files.writeString(directory.resolve("known_hosts"), "[127.0.0.1]:" + PORT + " "
                    + String.join(" ", List.of(Files.readString(Path.of(hostKey + ".pub")).split(" ")).subList(0, 2)) + "\n");
            Path clientConfig = Files.writeString(directory.resolve("ssh_config"), """
                    Host *
                        ProxyCommand ip netns exec %s nc %%h %%p
                    """.formatted(namespace));
            SshSettings ssh = new SshSettings("root", PORT, List.of(clientKey), Optional.empty(), knownHosts,
                    HostKeyChecking.STRICT, Duration.ofSeconds(10), Optional.empty(), true, Optional.of(clientConfig));
            HostDefinition definition = new HostDefinition(name, "127.0.0.1", List.of(), "ssh", ssh, Duration.ofSeconds(30),
                    false, Map.of(), 0);
            return new RootOpenSshHost(namespace, sshd, definition);
        } catch (Exception | Error e) {
            if (sshd != null) {
                sshd.destroy();
            }
            deleteNamespace(namespace);
            throw e;
        }
    }

    public HostDefinition definition() {
        return definition;
    }

    private static void awaitListening(String namespace, Process sshd, Path log) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd ended at once: " + Files.readString(log));
            }
            Process probe = new ProcessBuilder("ip", "netns", "exec", namespace, "nc", "-z", "127.0.0.1", String.valueOf(PORT))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("sshd did not listen within 10s: " + Files.readString(log));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void deleteNamespace(String namespace) {
        try {
            run("ip", "netns", "delete", namespace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // nothing more can be done here; the namespace goes when this machine restarts
        }
    }

    @Override
    public void close() throws InterruptedException {
        sshd.destroy();
        sshd.waitFor(10, TimeUnit.SECONDS);
        deleteNamespace(namespace);
    }
}

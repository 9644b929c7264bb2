package dev.infrajunit.transport.ssh;

import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.concurrent.OncePerKey;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A host's settings as the installed OpenSSH client reads them: {@code ssh -G alias} prints every
 * setting after {@code Host} and {@code Match} blocks, {@code Include}d files and tokens are
 * applied, so the transport reads the configuration exactly as {@code ssh} would. Each alias is
 * asked once per configuration file and run. Values that are OpenSSH's own defaults are reported
 * as not set, so that the environment file's settings and the run's defaults apply to them.
 */
final class OpenSshConfig {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("infra-ssh-config-timeout"));
    private static final Set<String> DEFAULT_IDENTITY_FILES = Set.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ecdsa_sk",
            "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss", "~/.ssh/id_dsa");

    private final Path client;
    private final String localUser;
    private final OncePerKey<SshConfigEntry> answers = new OncePerKey<>();

    OpenSshConfig(Path client) {
        this.client = client;
        this.localUser = System.getProperty("user.name");
    }

    /** The {@code ssh} client on the {@code PATH}, if there is one. */
    static Optional<Path> findClient() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "ssh")).filter(Files::isExecutable).findFirst();
    }

    /**
     * What the configuration says about {@code alias}.
     *
     * @param file the file to read instead of the user's and the system's ({@code ssh -F}), or empty for those
     */
    SshConfigEntry lookup(String alias, Optional<Path> file) {
        try {
            // asked once per alias, each outside any lock: many hosts are looked up at the same time
            return answers.get(file.map(Path::toString).orElse("") + "\0" + alias, () -> ask(alias, file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the SSH client configuration of " + alias, e);
        }
    }

    private SshConfigEntry ask(String alias, Optional<Path> file) {
        List<String> command = new ArrayList<>(List.of(client.toString(), "-G"));
        file.ifPresent(f -> command.addAll(List.of("-F", f.toString())));
        // "--" so that an alias cannot be taken for an option
        command.addAll(List.of("--", alias));
        String shown = String.join(" ", command);
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            // a Match exec command that hangs must not hold the host: the read ends when the process is ended
            AtomicBoolean ended = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                ended.set(true);
                process.destroyForcibly();
            }, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String out;
            String err;
            try {
                out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor();
            } finally {
                watchdog.cancel(false);
            }
            if (ended.get()) {
                throw new IllegalStateException(shown + " did not finish within " + TIMEOUT.toSeconds() + "s (a Match exec"
                        + " command in the SSH client configuration that hangs?)");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ssh could not read the SSH client configuration (" + shown + "): "
                        + String.join("; ", err.strip().lines().toList())
                        + ". Correct it, or set ssh.useSshConfig: false to ignore it");
            }
            return parse(alias, out.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + shown + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + shown, e);
        }
    }

    SshConfigEntry parse(String alias, List<String> lines) {
        String hostName = "";
        String user = "";
        int port = 0;
        List<String> identities = new ArrayList<>();
        List<String> certificates = new ArrayList<>();
        boolean identitiesOnly = false;
        String proxyJump = "";
        String proxyCommand = "";
        List<String> knownHosts = List.of();
        List<String> globalKnownHosts = List.of();
        String hostKeyAlias = "";
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String value = line.substring(space + 1).strip();
            switch (line.substring(0, space)) {
                case "hostname" -> hostName = value.equals(alias) ? "" : value;
                case "user" -> user = value.equals(localUser) ? "" : value;
                case "port" -> port = value.equals("22") ? 0 : Integer.parseInt(value);
                case "identityfile" -> identities.add(value);
                case "certificatefile" -> certificates.add(value);
                case "identitiesonly" -> identitiesOnly = value.equals("yes");
                case "proxyjump" -> proxyJump = value.equals("none") ? "" : value;
                case "proxycommand" -> proxyCommand = value.equals("none") ? "" : value;
                case "userknownhostsfile" -> knownHosts = isDefaultKnownHosts(value) ? List.of() : List.of(value.split(" +"));
                case "globalknownhostsfile" -> globalKnownHosts = List.of(value.split(" +"));
                case "hostkeyalias" -> hostKeyAlias = value.equals("none") ? "" : value;
                default -> {
                    // a setting the transport does not use
                }
            }
        }
        if (DEFAULT_IDENTITY_FILES.containsAll(identities)) {
            identities.clear();
        }
        return new SshConfigEntry(hostName, user, port, identities, certificates, identitiesOnly, proxyJump, proxyCommand,
                knownHosts, globalKnownHosts, hostKeyAlias);
    }

    private static boolean isDefaultKnownHosts(String value) {
        String[] files = value.split(" +");
        return files.length == 2 && files[0].endsWith("/.ssh/known_hosts") && files[1].endsWith("/.ssh/known_hosts2");
    }
}

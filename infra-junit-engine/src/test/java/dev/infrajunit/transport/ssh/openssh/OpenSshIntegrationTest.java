package dev.infrajunit.transport.ssh.openssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import dev.infrajunit.transport.ssh.SshAgentProcess;
import dev.infrajunit.transport.ssh.SshOptions;
import dev.infrajunit.transport.ssh.SshTransports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SSH transport against Debian's OpenSSH server, started on loopback by scripts/start-test-sshd.sh. */
@Tag("openssh")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenSshIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration BATCH_WINDOW = Duration.ofMillis(400);

    @TempDir
    Path dir;
    private OpenSshFleet fleet;
    private final List<SshTransports> runs = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void requireFleet() {
        fleet = OpenSshFleet.requireRunning();
    }

    @AfterEach
    void closeRuns() {
        callers.shutdownNow();
        runs.forEach(SshTransports::close);
    }

    @Test
    void logsInAsTheTestUserWithItsKeyAndKnownHosts() {
        HostDefinition web1 = host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty());

        CommandResult result = run(web1).forHost(web1).execute(Command.of("id -un; echo err >&2; exit 4"), TIMEOUT);

        assertThat(result.stdout()).isEqualTo(fleet.user() + "\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.exitStatus()).isEqualTo(4);
    }

    @Test
    void verifiesHostKeysAgainstHashedKnownHostsEntries() throws IOException {
        assertThat(Files.readString(fleet.knownHostsHashed())).startsWith("|1|");
        HostDefinition web1 = host("web-1", fleet.hosts().get(0), fleet.knownHostsHashed(), Optional.empty());

        assertThat(run(web1).forHost(web1).execute(Command.of("echo hashed"), TIMEOUT).stdout()).isEqualTo("hashed\n");
    }

    @Test
    void anUnknownHostKeyIsRefusedWithTheFingerprintSshKeygenShows() throws Exception {
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(0);
        Path empty = Files.writeString(dir.resolve("known_hosts"), "");
        HostDefinition web1 = host("web-1", endpoint, empty, Optional.empty());
        String fingerprint = sshKeygenFingerprint(endpoint);

        assertThatThrownBy(() -> run(web1).forHost(web1).execute(Command.of("true"), TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: the host key of " + endpoint + " is not in " + empty + " (the server offers ssh-ed25519 key "
                        + fingerprint + "). Check that fingerprint with the host's administrator, then add the key:"
                        + " ssh-keyscan -p " + endpoint.port() + " " + endpoint.address() + " >> " + empty
                        + " (or set ssh.hostKeyChecking: accept-new to record keys on first use)");
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() {
        ClientKey stranger = ClientKey.generate(dir, KeyKind.ED25519);
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(0);
        HostDefinition web1 = withKey(host("web-1", endpoint, fleet.knownHosts(), Optional.empty()), stranger.privateKeyFile());

        assertThatThrownBy(() -> run(web1).forHost(web1).execute(Command.of("true"), TIMEOUT))
                .hasMessage("web-1: authentication refused for user '" + fleet.user() + "' at " + endpoint + "; tried public keys: "
                        + stranger.privateKeyFile() + " (ssh-ed25519), no ssh-agent (SSH_AUTH_SOCK is not set); the server"
                        + " accepts: publickey. Add one of these public keys to ~" + fleet.user() + "/.ssh/authorized_keys on"
                        + " the host, or set ssh.user / ssh.identityFile");
    }

    /** The agent's signature, made by the real ssh-agent, is one OpenSSH accepts. */
    @Test
    void logsInWithTheKeyHeldByAnSshAgent() throws Exception {
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(0);
        HostDefinition web1 = withKey(host("web-1", endpoint, fleet.knownHosts(), Optional.empty()));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(fleet.identityFile());
            SshTransports transports = run(options().withEnvironment(Map.of("SSH_AUTH_SOCK", agent.socket().toString())::get), web1);

            assertThat(transports.forHost(web1).execute(Command.of("id -un"), TIMEOUT).stdout()).isEqualTo(fleet.user() + "\n");
        }
    }

    /**
     * OpenSSH 8.8 and newer refuse the SHA-1 signatures an agent makes for an RSA key unless asked
     * for another hash: the login asks for rsa-sha2-512 or rsa-sha2-256, as the server announces.
     */
    @Test
    void logsInWithAnRsaKeyHeldByAnSshAgent() throws Exception {
        fleet.requireKeys();
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(0);
        HostDefinition web1 = withKey(host("web-1", endpoint, fleet.knownHosts(), Optional.empty()));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"))) {
            agent.add(fleet.rsaIdentityFile());
            SshTransports transports = run(options().withEnvironment(Map.of("SSH_AUTH_SOCK", agent.socket().toString())::get), web1);

            assertThat(transports.forHost(web1).execute(Command.of("id -un"), TIMEOUT).stdout()).isEqualTo(fleet.user() + "\n");
        }
    }

    /**
     * A key in no authorized_keys file logs in by its user certificate, signed by the CA every sshd
     * of the fleet trusts (TrustedUserCAKeys); the SSH client configuration names key and certificate.
     */
    @Test
    void logsInWithAUserCertificateTheSshConfigurationNames() throws Exception {
        fleet.requireKeys();
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(1);
        Path config = certificateConfig(endpoint, fleet.certificateIdentityFile());
        HostDefinition web2 = fromSshConfig("web-2", config);
        // the same key where no certificate lies beside it, and none named: the key alone is refused
        Path bareKey = Files.copy(fleet.certificateIdentityFile(), dir.resolve("bare_key"));
        HostDefinition withoutCertificate = fromSshConfig("web-2", Files.writeString(dir.resolve("no_certificate"),
                Files.readString(config).replaceAll("(?m)^ *CertificateFile .*\n", "")
                        .replace(fleet.certificateIdentityFile().toString(), bareKey.toString())));

        assertThat(run(web2).forHost(web2).execute(Command.of("id -un"), TIMEOUT).stdout()).isEqualTo(fleet.user() + "\n");
        assertThatThrownBy(() -> run(withoutCertificate).forHost(withoutCertificate).execute(Command.of("id -un"), TIMEOUT))
                .hasMessageStartingWith("web-2: authentication refused for user '" + fleet.user() + "'");
    }

    /**
     * As ssh does, every file that UserKnownHostsFile and GlobalKnownHostsFile list is read: the host
     * key may be in any of them. A key found in none is refused naming every file that was read.
     */
    @Test
    void theHostKeyMayBeInAnyFileUserKnownHostsFileOrGlobalKnownHostsFileLists() throws Exception {
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(1);
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        Path team = Files.writeString(dir.resolve("team_known_hosts"), Files.readAllLines(fleet.knownHosts()).stream()
                .filter(line -> line.startsWith("[" + endpoint.address() + "]:" + endpoint.port() + " "))
                .reduce("", (all, line) -> all + line + "\n"));
        Path empty2 = Files.writeString(dir.resolve("empty_known_hosts2"), "");
        String host = """
                Host web-2
                    HostName %s
                    Port %d
                    User %s
                    IdentityFile %s
                """.formatted(endpoint.address(), endpoint.port(), fleet.user(), fleet.identityFile());
        HostDefinition secondUserFile = fromSshConfig("web-2", Files.writeString(dir.resolve("user_files"), host
                + "    UserKnownHostsFile %s %s\n    GlobalKnownHostsFile %s\n".formatted(empty, team, empty2)));
        HostDefinition globalFile = fromSshConfig("web-2", Files.writeString(dir.resolve("global_files"), host
                + "    UserKnownHostsFile %s\n    GlobalKnownHostsFile %s %s\n".formatted(empty, empty2, team)));
        HostDefinition inNone = fromSshConfig("web-2", Files.writeString(dir.resolve("no_file"), host
                + "    UserKnownHostsFile %s %s\n    GlobalKnownHostsFile %s\n".formatted(empty, empty2, dir.resolve("absent"))));

        assertThat(run(secondUserFile).forHost(secondUserFile).execute(Command.of("echo second"), TIMEOUT).stdout())
                .isEqualTo("second\n");
        assertThat(run(globalFile).forHost(globalFile).execute(Command.of("echo global"), TIMEOUT).stdout())
                .isEqualTo("global\n");
        assertThatThrownBy(() -> run(inNone).forHost(inNone).execute(Command.of("true"), TIMEOUT))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("web-2: the host key of " + endpoint + " is not in " + empty + " or " + empty2
                        + " (the server offers ssh-ed25519 key ")
                .hasMessageEndingWith(" >> " + empty + " (or set ssh.hostKeyChecking: accept-new to record keys on first use)");
    }

    /**
     * IdentitiesOnly as ssh means it: of the agent's keys and certificates, those of the configured
     * identity files and certificate files are offered. Here the identity file is encrypted (no
     * passphrase is given), the agent holds its key, with or without its certificate, and only the
     * certificate lets the user in.
     */
    @Test
    void underIdentitiesOnlyTheAgentsCertificateOfAConfiguredKeyIsOffered() throws Exception {
        fleet.requireKeys();
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(1);
        Path encrypted = dir.resolve("id_cert");
        Files.copy(fleet.certificateIdentityFile(), encrypted);
        Files.copy(Path.of(fleet.certificateIdentityFile() + ".pub"), Path.of(encrypted + ".pub"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", "correct horse", "-f", encrypted.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).isZero();
        Path config = certificateConfig(endpoint, encrypted);
        HostDefinition web2 = fromSshConfig("web-2", config);
        // the key alone, with no certificate beside it for ssh-add to load too
        Path keyAlone = Files.copy(fleet.certificateIdentityFile(), Files.createDirectories(dir.resolve("alone")).resolve("key"));
        try (SshAgentProcess agent = SshAgentProcess.start(dir.resolve("agent.sock"));
             SshAgentProcess keyOnly = SshAgentProcess.start(dir.resolve("key-only.sock"))) {
            // the key and, beside it, its certificate
            agent.add(fleet.certificateIdentityFile());
            keyOnly.add(keyAlone);

            SshOptions withAgent = options().withEnvironment(Map.of("SSH_AUTH_SOCK", agent.socket().toString())::get);
            assertThat(run(withAgent, web2).forHost(web2).execute(Command.of("id -un"), TIMEOUT).stdout())
                    .isEqualTo(fleet.user() + "\n");
            // as ssh does, the certificate the configuration names goes with the agent's signature of its key
            SshOptions withKeyOnly = options().withEnvironment(Map.of("SSH_AUTH_SOCK", keyOnly.socket().toString())::get);
            assertThat(run(withKeyOnly, web2).forHost(web2).execute(Command.of("id -un"), TIMEOUT).stdout())
                    .isEqualTo(fleet.user() + "\n");
        }
    }

    /** ProxyCommand with the real ssh client: {@code ssh -W %h:%p} through the first sshd of the fleet. */
    @Test
    void reachesAHostThroughAProxyCommand() throws Exception {
        fleet.requireHosts(3);
        OpenSshFleet.Endpoint bastion = fleet.hosts().get(0);
        OpenSshFleet.Endpoint target = fleet.hosts().get(2);
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-3
                    HostName %s
                    Port %d
                    User %s
                    IdentityFile %s
                    UserKnownHostsFile %s
                    ProxyCommand ssh -F none -i %s -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile=%s -p %d -W %%h:%%p %s@%s
                """.formatted(target.address(), target.port(), fleet.user(), fleet.identityFile(), fleet.knownHosts(),
                fleet.identityFile(), fleet.knownHosts(), bastion.port(), fleet.user(), bastion.address()));
        HostDefinition web3 = fromSshConfig("web-3", config);
        long logBefore = Files.size(fleet.jumpHostLog());

        assertThat(run(web3).forHost(web3).execute(Command.of("echo behind the proxy"), TIMEOUT).stdout())
                .isEqualTo("behind the proxy\n");
        assertThat(tail(fleet.jumpHostLog(), logBefore)).contains("target " + target.address() + " port " + target.port());
    }

    @Test
    void reachesAHostThroughAnotherSshdAsJumpHost() throws Exception {
        fleet.requireHosts(3);
        OpenSshFleet.Endpoint target = fleet.hosts().get(2);
        HostDefinition bastion = host("bastion", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty());
        HostDefinition web3 = host("web-3", target, fleet.knownHosts(), Optional.of("bastion"));
        long logBefore = Files.size(fleet.jumpHostLog());

        assertThat(run(bastion, web3).forHost(web3).execute(Command.of("echo behind the bastion"), TIMEOUT).stdout())
                .isEqualTo("behind the bastion\n");

        String newLog = tail(fleet.jumpHostLog(), logBefore);
        assertThat(newLog).contains("target " + target.address() + " port " + target.port());
    }

    @Test
    void aDeadHostFailsWhileTheOthersAnswer() {
        fleet.requireHosts(2);
        OpenSshFleet.Endpoint dead = fleet.deadHost();
        HostDefinition gone = host("web-9", dead, fleet.knownHosts(), Optional.empty());
        HostDefinition web1 = host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty());
        HostDefinition web2 = host("web-2", fleet.hosts().get(1), fleet.knownHosts(), Optional.empty());
        SshTransports transports = run(gone, web1, web2);

        assertThatThrownBy(() -> transports.forHost(gone).execute(Command.of("true"), TIMEOUT))
                .hasMessage("web-9: connection refused by " + dead + ": nothing listens on that port. Check that sshd runs on the"
                        + " host and that ssh.port is right");
        assertThat(transports.forHost(web1).execute(Command.of("echo 1"), TIMEOUT).stdout()).isEqualTo("1\n");
        assertThat(transports.forHost(web2).execute(Command.of("echo 2"), TIMEOUT).stdout()).isEqualTo("2\n");
    }

    @Test
    void runsManyMoreConcurrentCommandsThanMaxSessionsOverOneConnection() throws Exception {
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(fleet.hosts().size() - 1);
        Path log = fleet.jumpHostLog().getParent().getParent().resolve(String.valueOf(fleet.hosts().size())).resolve("sshd.log");
        long logBefore = Files.size(log);
        HostDefinition web = host("web-n", endpoint, fleet.knownHosts(), Optional.empty());
        SshTransports transports = run(web);
        ExecutorService checks = Executors.newFixedThreadPool(30);
        try {
            List<Future<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                results.add(checks.submit(() -> transports.forHost(web).execute(Command.of("sleep 0.3; echo {0}", n), TIMEOUT)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
            }
        } finally {
            checks.shutdownNow();
        }
        assertThat(tail(log, logBefore).lines().filter(line -> line.contains("Accepted publickey for " + fleet.user())))
                .as("logins seen by the sshd of " + endpoint).hasSize(1);
    }

    @Test
    void aTimedOutCommandIsStoppedOnTheHost() throws Exception {
        HostDefinition web1 = host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty());
        SshTransports transports = run(web1);
        String sleep = uniqueSleep();

        assertThatThrownBy(() -> transports.forHost(web1).execute(Command.of("sleep {0}; echo done", sleep), Duration.ofSeconds(1)))
                .hasMessage("web-1: command timed out after 1s: sleep " + sleep + "; echo done (raise commandTimeout for this host"
                        + " if it is expected to be slow)");
        Thread.sleep(500);
        assertThat(processesSleeping(transports, web1, sleep)).as("processes still running the timed-out command").isZero();
    }

    /** OpenSSH leaves a command running when only its channel is closed: a stopped check must kill it as a timeout does. */
    @Test
    void anInterruptedCommandIsStoppedOnTheHost() throws Exception {
        HostDefinition web1 = host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty());
        SshTransports transports = run(web1);
        String sleep = uniqueSleep();
        ExecutorService checks = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            Future<Throwable> stopped = checks.submit(() -> {
                caller.complete(Thread.currentThread());
                try {
                    transports.forHost(web1).execute(Command.of("sleep {0}; echo done", sleep), TIMEOUT);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(1000);
            // what is looked for afterwards is seen while the command runs
            assertThat(processesSleeping(transports, web1, sleep)).as("processes running the command").isEqualTo(1);
            caller.get().interrupt();

            assertThat(stopped.get()).hasMessage("web-1: interrupted while running: sleep " + sleep + "; echo done");
        } finally {
            checks.shutdownNow();
        }
        Thread.sleep(500);
        assertThat(processesSleeping(transports, web1, sleep)).as("processes still running the interrupted command").isZero();
    }

    /** 50 MB on stderr and a failing exit: the run reads it all with bounded memory and keeps only its ends. */
    @Test
    void fiftyMegabytesOfStderrFromAFailingCommandEndAsAShortResult() {
        HostDefinition web1 = host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty());

        CommandResult result = run(web1).forHost(web1).execute(
                Command.of("echo start >&2; head -c 52428800 /dev/zero | tr '\\0' e >&2; echo >&2; echo end >&2; echo done; exit 4"), TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("done\n");
        assertThat(result.stderr().length()).isLessThan(2048);
        assertThat(result.stderr()).startsWith("start\neeee").endsWith("eeee\nend\n")
                .contains("[... " + (52428800 + 6 + 1 + 4 - 1024) + " bytes of standard error not shown ...]");
    }

    /**
     * OpenSSH hands the command line to the login user's shell. Under fish and tcsh the POSIX quoting
     * idiom means something else (or nothing), so arguments chosen to break it must still arrive as
     * exactly one word each.
     */
    @ParameterizedTest(name = "login shell of {0}")
    @ValueSource(strings = {"user", "fishUser", "tcshUser"})
    void argumentsArriveUnchangedWhateverTheLoginShell(String which) {
        String user = switch (which) {
            case "fishUser" -> fleet.fishUser();
            case "tcshUser" -> fleet.tcshUser();
            default -> fleet.user();
        };
        assertThat(user).as("the fleet's %s (restart it with scripts/start-test-sshd.sh)", which).isNotBlank();
        HostDefinition web1 = as(user, host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty()));
        String hostile = "it's \"$HOME\" `id` $(id) \\ !! !x ; echo pwned\nsecond line * {} %s";

        CommandResult result = run(web1).forHost(web1).execute(
                Command.of("printf '[%s]\\n' {0} {1}; id -un", hostile, "-n"), TIMEOUT);

        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("[" + hostile + "]\n[-n]\n" + user + "\n");
    }

    /**
     * Commands asked for together travel as one script through sshd to a constant {@code sh -s},
     * whatever the login shell: each keeps its own output (look-alike frames, no trailing newline,
     * nothing, bytes that are not text) and its exit status.
     */
    @ParameterizedTest(name = "login shell of {0}")
    @ValueSource(strings = {"user", "fishUser", "tcshUser"})
    void commandsAskedForTogetherShareOneSessionWhateverTheLoginShell(String which) throws Exception {
        fleet.requireHosts(2);
        String user = switch (which) {
            case "fishUser" -> fleet.fishUser();
            case "tcshUser" -> fleet.tcshUser();
            default -> fleet.user();
        };
        HostDefinition web2 = as(user, host("web-2", fleet.hosts().get(1), fleet.knownHosts(), Optional.empty()));
        SshTransports transports = run(options().withBatchWindow(BATCH_WINDOW), web2);
        transports.forHost(web2).execute(Command.of("true"), TIMEOUT);
        long sessionsBefore = fleet.sessionsStarted(2);
        String lookAlike = "\ninfra-junit-00000000000000000000000000000000 0 0\n$(id) `id` %s\n";

        List<CommandResult> results = answers(together(transports, web2, TIMEOUT,
                Command.of("printf %s {0}; printf %s {0} >&2", lookAlike),
                Command.of("printf 'no newline'"),
                Command.of("true"),
                Command.of("printf '\\000\\001\\377\\n\\000'"),
                Command.of("echo {0} >&2; exit 3", "it's \"$HOME\""),
                Command.of("id -un")));

        assertThat(fleet.sessionsStarted(2) - sessionsBefore).as("sessions for six commands asked for together").isEqualTo(1);
        assertThat(results.get(0).stdout()).isEqualTo(lookAlike);
        assertThat(results.get(0).stderr()).isEqualTo(lookAlike);
        assertThat(results.get(1).stdout()).isEqualTo("no newline");
        assertThat(results.get(2).stdout()).isEmpty();
        assertThat(results.get(2).stderr()).isEmpty();
        assertThat(results.get(3).stdout()).isEqualTo("\0\u0001\uFFFD\n\0");
        assertThat(results.get(4).stderr()).isEqualTo("it's \"$HOME\"\n");
        assertThat(results).extracting(CommandResult::exitStatus).containsExactly(0, 0, 0, 0, 3, 0);
        assertThat(results.get(5).stdout()).isEqualTo(user + "\n");
    }

    /**
     * The login shell hands the session over to {@code sh} instead of starting it and waiting: on
     * the host, each session is one shell, not two.
     */
    @ParameterizedTest(name = "login shell of {0}")
    @ValueSource(strings = {"user", "fishUser", "tcshUser"})
    void theLoginShellBecomesTheShellThatReadsTheCommands(String which) {
        String user = switch (which) {
            case "fishUser" -> fleet.fishUser();
            case "tcshUser" -> fleet.tcshUser();
            default -> fleet.user();
        };
        HostDefinition web1 = as(user, host("web-1", fleet.hosts().get(0), fleet.knownHosts(), Optional.empty()));

        CommandResult result = run(web1).forHost(web1).execute(
                Command.of("cat /proc/$PPID/comm"), TIMEOUT);

        assertThat(result.stdout().strip()).as("the process that started the shell reading the commands").startsWith("sshd");
    }

    /** In one batch: one command times out, one prints too much, one fails; each alone, and the others are answered. */
    @Test
    void batchMatesOfATimeoutAndOfTooMuchOutputAreAnswered() throws Exception {
        fleet.requireHosts(2);
        HostDefinition web2 = host("web-2", fleet.hosts().get(1), fleet.knownHosts(), Optional.empty());
        SshTransports transports = run(options().withBatchWindow(BATCH_WINDOW), web2);
        transports.forHost(web2).execute(Command.of("true"), TIMEOUT);
        String sleep = uniqueSleep();
        Command flood = Command.of("head -c 104857600 /dev/zero | tr '\\0' o");
        Command slow = Command.of("sleep {0}; echo slow", sleep);

        List<Future<CommandResult>> asked = together(transports, web2, Duration.ofSeconds(2),
                Command.of("echo first"), slow, Command.of("echo second; exit 4"), flood, Command.of("echo third"));

        assertThat(asked.get(0).get().stdout()).isEqualTo("first\n");
        assertThatThrownBy(() -> asked.get(1).get()).cause().hasMessage("web-2: command timed out after 2s: " + slow.line()
                + " (raise commandTimeout for this host if it is expected to be slow)");
        assertThat(asked.get(2).get()).extracting(CommandResult::stdout, CommandResult::exitStatus).containsExactly("second\n", 4);
        assertThatThrownBy(() -> asked.get(3).get()).cause().hasMessage("web-2: `" + flood.line() + "` printed more than 16 MB"
                + " on standard output, more than a check reads; it was stopped. Narrow what the command prints");
        assertThat(asked.get(4).get().stdout()).isEqualTo("third\n");
        Thread.sleep(500);
        assertThat(processesSleeping(transports, web2, sleep)).as("processes still running the timed-out command").isZero();
    }

    /**
     * A sleep no other process runs, to be looked for on the host: the command line itself travels on
     * the shell's standard input, so only its own processes, such as this sleep, show in {@code ps}.
     */
    private static String uniqueSleep() {
        return "29." + (100000 + System.nanoTime() % 900000);
    }

    private static int processesSleeping(SshTransports transports, HostDefinition host, String sleep) {
        // "[s]leep" matches the sleep, not this grep's own command line
        CommandResult found = transports.forHost(host).execute(Command.of("ps -eo args | grep -c -- {0}", "[s]leep " + sleep), TIMEOUT);
        return Integer.parseInt(found.stdout().trim());
    }

    /** Asks for each command on a thread of its own, 20 ms apart, all within the batch window. */
    private List<Future<CommandResult>> together(SshTransports transports, HostDefinition host, Duration timeout,
                                                 Command... commands) throws InterruptedException {
        List<Future<CommandResult>> asked = new ArrayList<>();
        for (Command command : commands) {
            asked.add(callers.submit(() -> transports.forHost(host).execute(command, timeout)));
            Thread.sleep(20);
        }
        return asked;
    }

    private static List<CommandResult> answers(List<Future<CommandResult>> asked) throws Exception {
        List<CommandResult> results = new ArrayList<>();
        for (Future<CommandResult> future : asked) {
            results.add(future.get());
        }
        return results;
    }

    private HostDefinition host(String name, OpenSshFleet.Endpoint endpoint, Path knownHosts, Optional<String> jump) {
        SshSettings ssh = new SshSettings(fleet.user(), endpoint.port(), List.of(fleet.identityFile()), Optional.empty(), knownHosts,
                HostKeyChecking.STRICT, Duration.ofSeconds(5), jump, false);
        return new HostDefinition(name, endpoint.address(), List.of(), "ssh", ssh, TIMEOUT, false, Map.of(), 0);
    }

    private static HostDefinition as(String user, HostDefinition host) {
        SshSettings s = host.ssh();
        return new HostDefinition(host.name(), host.address(), host.roles(), host.transport(),
                new SshSettings(user, s.port(), s.identityFiles(), s.passphraseEnv(), s.knownHosts(), s.hostKeyChecking(),
                        s.connectTimeout(), s.jumpHost(), s.useSshConfig()),
                host.commandTimeout(), host.sudo(), host.properties(), host.line());
    }

    /** A host that takes everything but its name from an SSH client configuration, read by ssh -G. */
    private static HostDefinition fromSshConfig(String name, Path config) {
        SshSettings ssh = new SshSettings("", 0, List.of(), Optional.empty(), Path.of(System.getProperty("user.home"),
                ".ssh", "known_hosts"), HostKeyChecking.STRICT, Duration.ofSeconds(5), Optional.empty(), true, Optional.of(config));
        return new HostDefinition(name, name, List.of(), "ssh", ssh, TIMEOUT, false, Map.of(), 0);
    }

    private static HostDefinition withKey(HostDefinition host, Path... keys) {
        SshSettings s = host.ssh();
        return new HostDefinition(host.name(), host.address(), host.roles(), host.transport(),
                new SshSettings(s.user(), s.port(), List.of(keys), s.passphraseEnv(), s.knownHosts(), s.hostKeyChecking(),
                        s.connectTimeout(), s.jumpHost(), s.useSshConfig()),
                host.commandTimeout(), host.sudo(), host.properties(), host.line());
    }

    private SshTransports run(HostDefinition... hosts) {
        return run(options(), hosts);
    }

    private SshOptions options() {
        return SshOptions.defaults().withEnvironment(name -> null)
                .withSshConfig(dir.resolve("no-ssh-config")).withDefaultKeysDirectory(dir.resolve("no-keys"));
    }

    private SshTransports run(SshOptions options, HostDefinition... hosts) {
        SshTransports transports = new SshTransports(new EnvironmentDefinition("openssh", Optional.empty(), Map.of(),
                Arrays.asList(hosts)), options);
        runs.add(transports);
        return transports;
    }

    private String sshKeygenFingerprint(OpenSshFleet.Endpoint endpoint) throws Exception {
        String line = Files.readAllLines(fleet.knownHosts()).stream()
                .filter(l -> l.startsWith("[" + endpoint.address() + "]:" + endpoint.port() + " ")).findFirst().orElseThrow();
        Path file = Files.writeString(dir.resolve("one-host"), line + "\n");
        Process keygen = new ProcessBuilder("ssh-keygen", "-l", "-f", file.toString()).redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keygen.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return output.split(" ")[1];
    }

    private static String tail(Path file, long from) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    /** An ssh_config for web-2 that logs in with {@code identityFile} and the fleet's user certificate, and nothing else. */
    private Path certificateConfig(OpenSshFleet.Endpoint endpoint, Path identityFile) throws IOException {
        return Files.writeString(dir.resolve("ssh_config"), """
                Host web-2
                    HostName %s
                    Port %d
                    User %s
                    IdentityFile %s
                    CertificateFile %s
                    IdentitiesOnly yes
                    UserKnownHostsFile %s
                """.formatted(endpoint.address(), endpoint.port(), fleet.user(), identityFile, fleet.certificateFile(),
                fleet.knownHosts()));
    }
}

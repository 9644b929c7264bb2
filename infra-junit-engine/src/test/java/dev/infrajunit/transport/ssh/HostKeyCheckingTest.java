package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostKeyCheckingTest extends EmbeddedSshTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Command HELLO = Command.of("echo hello");

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAsSshKeygenPrintsItAndHowToAddIt() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path emptyKnownHosts = Files.writeString(dir.resolve("empty_known_hosts"), "");
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(emptyKnownHosts).build();
        int port = server.port();

        assertThatThrownBy(() -> run(web1))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: the host key of 127.0.0.1:" + port + " is not in " + emptyKnownHosts + " (the server offers"
                        + " ecdsa-sha2-nistp256 key " + sshKeygenFingerprint(server) + "). Check that fingerprint with the"
                        + " host's administrator, then add the key: ssh-keyscan -p " + port + " 127.0.0.1 >> " + emptyKnownHosts
                        + " (or set ssh.hostKeyChecking: accept-new to record keys on first use)");
        assertThat(server.execCount()).isZero();
    }

    @Test
    void aKnownHostsFileThatDoesNotExistIsNamedAsMissingRatherThanAsLackingTheKey() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        // a typo in ssh.knownHosts is likelier than a host nobody has connected to
        Path missing = dir.resolve("no-such-dir/known_hosts");
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(missing).build();
        int port = server.port();

        assertThatThrownBy(() -> run(web1))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: the host key of 127.0.0.1:" + port + " cannot be verified: the known_hosts file " + missing
                        + " (ssh.knownHosts) does not exist. If that path is wrong, correct ssh.knownHosts; otherwise check the"
                        + " fingerprint the server offers (ecdsa-sha2-nistp256 key " + sshKeygenFingerprint(server) + ") with the"
                        + " host's administrator, then add the key: ssh-keyscan -p " + port + " 127.0.0.1 >> " + missing
                        + " (or set ssh.hostKeyChecking: accept-new to record keys on first use)");
        assertThat(server.execCount()).isZero();
        assertThat(missing).doesNotExist();
    }

    @Test
    void aChangedHostKeyIsRefusedLoudlyWithHowToFixIt() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        // the same address and port once had another key: a reinstalled host, or an impostor
        Path knownHosts = dir.resolve("old_known_hosts");
        try (EmbeddedSshServer previous = EmbeddedSshServer.builder().start()) {
            Files.writeString(knownHosts, previous.knownHostsLine().replaceFirst(":\\d+ ", ":" + server.port() + " ") + "\n");
        }
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(knownHosts).build();
        int port = server.port();

        assertThatThrownBy(() -> run(web1))
                .hasMessage("web-1: the host key of 127.0.0.1:" + port + " has CHANGED: the server offers ecdsa-sha2-nistp256 key "
                        + sshKeygenFingerprint(server) + ", but " + knownHosts + " records a different key for it. Someone may"
                        + " be intercepting the connection, or the host was reinstalled; if the change is expected, remove"
                        + " the old key with ssh-keygen -R '[127.0.0.1]:" + port + "' -f " + knownHosts + " and add the new one");
        assertThat(server.execCount()).isZero();
    }

    @Test
    void acceptsHashedKnownHostsEntries() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder().hostKeyKind(KeyKind.ED25519));
        Path hashed = dir.resolve("hashed_known_hosts");
        Files.writeString(hashed, server.knownHostsLine() + "\n");
        sshKeygen("-H", "-f", hashed.toString());
        assertThat(Files.readString(hashed)).startsWith("|1|").doesNotContain("127.0.0.1");
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(hashed).build();

        assertThat(run(web1)).isEqualTo("hello\n");
    }

    @Test
    void acceptNewRecordsAnUnknownKeyThenHoldsTheHostToIt() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path knownHosts = dir.resolve("new/known_hosts");
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build();

        assertThat(run(web1)).isEqualTo("hello\n");

        assertThat(Files.readAllLines(knownHosts)).containsExactly(server.knownHostsLine());
        assertThat(fixture.warnings()).isEqualTo("NOTE: web-1: recorded the new host key of 127.0.0.1:" + server.port() + " ("
                + "ecdsa-sha2-nistp256 key " + server.hostKeyFingerprint() + ") in " + knownHosts
                + " (ssh.hostKeyChecking: accept-new)\n");
        HostDefinition strict = fixture.host("web-1", server).knownHosts(knownHosts).build();
        assertThat(run(strict)).isEqualTo("hello\n");
    }

    @Test
    void acceptNewAddsItsEntryOnALineOfItsOwnWhenTheFileDoesNotEndInANewline() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        EmbeddedSshServer other = fixture.server("web-2");
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, other.knownHostsLine());
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build();

        assertThat(run(web1)).isEqualTo("hello\n");

        assertThat(Files.readString(knownHosts)).isEqualTo(other.knownHostsLine() + "\n" + server.knownHostsLine() + "\n");
        HostDefinition web2 = fixture.host("web-2", other).knownHosts(knownHosts).build();
        assertThat(run(web2)).isEqualTo("hello\n");
    }

    @Test
    void acceptNewCreatesAMissingSshDirectoryReadableByItsOwnerOnly() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path knownHosts = dir.resolve("home/.ssh/known_hosts");
        Files.createDirectories(dir.resolve("home"));
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build();

        assertThat(run(web1)).isEqualTo("hello\n");

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts.getParent())))
                .isEqualTo("rwx------");
    }

    /**
     * A host first met by several connections at once (several names for one address, and two runs
     * sharing a known_hosts file): its key is recorded once, by one of them.
     */
    @Test
    void acceptNewRecordsAKeyOnceWhenSeveralConnectionsMeetTheHostAtOnce() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        ExecutorService connections = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                Path knownHosts = dir.resolve("round-" + round + "/known_hosts");
                HostDefinition[] aliases = IntStream.range(0, 8)
                        .mapToObj(i -> fixture.host("alias-" + i, server).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build())
                        .toArray(HostDefinition[]::new);
                List<SshTransports> runs = List.of(fixture.transports(aliases), fixture.transports(aliases));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> hellos = new ArrayList<>();
                for (SshTransports run : runs) {
                    for (HostDefinition alias : aliases) {
                        hellos.add(connections.submit(() -> {
                            start.await();
                            return run.forHost(alias).execute(HELLO, TIMEOUT).stdout();
                        }));
                    }
                }
                start.countDown();
                for (Future<String> hello : hellos) {
                    assertThat(hello.get(30, TimeUnit.SECONDS)).isEqualTo("hello\n");
                }

                assertThat(Files.readAllLines(knownHosts)).as("round " + round).containsExactly(server.knownHostsLine());
                assertThat(fixture.warnings().lines().filter(line -> line.contains(knownHosts.toString())))
                        .as("round " + round).hasSize(1);
            }
        } finally {
            connections.shutdownNow();
        }
    }

    /** Another run may record a key after this run read the file: the file is read again before a key is added. */
    @Test
    void acceptNewDoesNotAddAKeyThatAnotherRunRecordedMeanwhile() throws Exception {
        EmbeddedSshServer known = fixture.server("web-0");
        EmbeddedSshServer fresh = fixture.server("web-1");
        Path knownHosts = Files.writeString(dir.resolve("shared_known_hosts"), known.knownHostsLine() + "\n");
        HostDefinition web0 = fixture.host("web-0", known).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build();
        HostDefinition web1 = fixture.host("web-1", fresh).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build();
        SshTransports first = fixture.transports(web0, web1);
        SshTransports second = fixture.transports(web0, web1);

        second.forHost(web0).execute(HELLO, TIMEOUT);
        first.forHost(web1).execute(HELLO, TIMEOUT);
        second.forHost(web1).execute(HELLO, TIMEOUT);

        assertThat(Files.readAllLines(knownHosts)).containsExactly(known.knownHostsLine(), fresh.knownHostsLine());
        assertThat(fixture.warnings()).isEqualTo("NOTE: web-1: recorded the new host key of 127.0.0.1:" + fresh.port() + " ("
                + "ecdsa-sha2-nistp256 key " + fresh.hostKeyFingerprint() + ") in " + knownHosts
                + " (ssh.hostKeyChecking: accept-new)\n");
    }

    @Test
    void acceptNewStillRefusesAChangedKey() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Path knownHosts = dir.resolve("old_known_hosts");
        try (EmbeddedSshServer previous = EmbeddedSshServer.builder().start()) {
            Files.writeString(knownHosts, previous.knownHostsLine().replaceFirst(":\\d+ ", ":" + server.port() + " ") + "\n");
        }
        HostDefinition web1 = fixture.host("web-1", server).knownHosts(knownHosts).hostKeyChecking(HostKeyChecking.ACCEPT_NEW).build();

        assertThatThrownBy(() -> run(web1)).hasMessageContaining("has CHANGED");
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void offConnectsToAnyKeyButWarnsOncePerHostInEveryRun() throws Exception {
        EmbeddedSshServer one = fixture.server("web-1");
        EmbeddedSshServer two = fixture.server("web-2");
        Path nowhere = dir.resolve("no_known_hosts");
        HostDefinition web1 = fixture.host("web-1", one).knownHosts(nowhere).hostKeyChecking(HostKeyChecking.OFF).build();
        HostDefinition web2 = fixture.host("web-2", two).knownHosts(nowhere).hostKeyChecking(HostKeyChecking.OFF).build();
        String warning1 = "WARNING: web-1: host key checking is OFF (ssh.hostKeyChecking: off): the key of 127.0.0.1:" + one.port()
                + " (ecdsa-sha2-nistp256 key " + one.hostKeyFingerprint() + ") was not verified, so the connection could be"
                + " intercepted. Use ssh.hostKeyChecking: strict (or accept-new).";
        String warning2 = warning1.replace("web-1", "web-2").replace(":" + one.port(), ":" + two.port())
                .replace(one.hostKeyFingerprint(), two.hostKeyFingerprint());

        SshTransports firstRun = fixture.transports(web1, web2);
        firstRun.forHost(web1).execute(HELLO, TIMEOUT);
        firstRun.forHost(web1).execute(HELLO, TIMEOUT);
        firstRun.forHost(web2).execute(HELLO, TIMEOUT);
        assertThat(fixture.warnings().lines()).containsExactly(warning1, warning2);

        fixture.transports(web1).forHost(web1).execute(HELLO, TIMEOUT);
        assertThat(fixture.warnings().lines()).containsExactly(warning1, warning2, warning1);
        assertThat(nowhere).doesNotExist();
    }

    private String run(HostDefinition host) {
        return fixture.transports(host).forHost(host).execute(HELLO, TIMEOUT).stdout();
    }

    /** The fingerprint OpenSSH's own tool computes from the server's known_hosts line. */
    private String sshKeygenFingerprint(EmbeddedSshServer server) throws Exception {
        Path line = Files.writeString(dir.resolve("fingerprint-" + server.port()), server.knownHostsLine() + "\n");
        String output = sshKeygen("-l", "-f", line.toString());
        String fingerprint = output.split(" ")[1];
        assertThat(fingerprint).startsWith("SHA256:").isEqualTo(server.hostKeyFingerprint());
        return fingerprint;
    }

    private static String sshKeygen(String... arguments) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(concat("ssh-keygen", arguments)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> concat(String first, String... rest) {
        java.util.List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}

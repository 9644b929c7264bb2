package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.engine.fixtures.hostile.FreshFactsSpec;
import dev.infrajunit.engine.fixtures.hostile.SecretSpec;
import dev.infrajunit.engine.fixtures.hostile.TarpitSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Hosts and settings that try to hang a run, leak a secret or pass what was never checked. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileHostsTest {

    @TempDir
    Path dir;

    /** Like a tarpit (endlessh): accepts, then sends a line every 200 ms forever, never an SSH greeting. */
    @Test
    void aPortThatKeepsTalkingButNeverSpeaksSshFailsWithinTheConnectTimeoutAndLeavesNoThread() throws Exception {
        try (ServerSocket tarpit = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread talker = new Thread(() -> talkForever(tarpit), "tarpit");
            talker.setDaemon(true);
            talker.start();
            Path environment = Files.writeString(dir.resolve("tarpit.yaml"), """
                    ssh: { user: infra, connectTimeout: 1s, knownHosts: %s, useSshConfig: false }
                    hosts:
                      trap-1: { address: 127.0.0.1, ssh: { port: %d } }
                    """.formatted(dir.resolve("known_hosts"), tarpit.getLocalPort()));

            long started = System.nanoTime();
            Events tests = engine(environment).selectors(selectClass(TarpitSpec.class)).execute().testEvents();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            tests.assertStatistics(stats -> stats.failed(2).succeeded(0));
            tests.assertThatEvents().haveExactly(2, event(finishedWithFailure(instanceOf(CouldNotCheckException.class),
                    message("trap-1: 127.0.0.1:" + tarpit.getLocalPort() + " accepted the connection but did not complete the"
                            + " SSH handshake within 1s (ssh.connectTimeout): is an SSH server listening on that port?"))));
            assertThat(threadsNamed("infra-check-")).isEmpty();
        }
    }

    @Test
    void eachAttemptOfAnEventuallyCheckSeesFreshFactsWhileOtherChecksShareThem() {
        FreshFactsSpec.PORT_FETCHES.set(0);
        FreshFactsSpec.SHARED_FETCHES.set(0);

        EngineKit.onFleet().selectors(selectClass(FreshFactsSpec.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(FreshFactsSpec.PORT_FETCHES).hasValue(3);
        assertThat(FreshFactsSpec.SHARED_FETCHES).hasValue(1);
    }

    @Test
    void aValueFromASystemPropertyIsMaskedInEveryMessageCauseAndStackTrace() throws Exception {
        String secret = "s3cr3t-t0ken-" + System.nanoTime();
        System.setProperty("infra.test.token", secret);
        try {
            Path environment = Files.writeString(dir.resolve("secret.yaml"), """
                    hosts:
                      web-1: { transport: local, properties: { token: "${sys:infra.test.token}" } }
                    """);

            Events tests = engine(environment).selectors(selectClass(SecretSpec.class)).execute().testEvents();

            tests.assertStatistics(stats -> stats.failed(2));
            List<String> reported = new ArrayList<>();
            for (Event event : tests.failed().list()) {
                Throwable failure = event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow();
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                reported.add(trace.toString());
            }
            assertThat(reported).hasSize(2).noneMatch(text -> text.contains(secret)).allMatch(text -> text.contains("***"));
            assertThat(reported).anyMatch(text -> text.startsWith("java.lang.AssertionError: web-1: expected `echo \"token"
                    + " {0} refused\" >&2; exit 3`".replace("{0}", "***")));
            assertThat(reported).anyMatch(text -> text.startsWith(CouldNotCheckException.class.getName()
                    + ": web-1: the API refused ***") && text.contains("Caused by: java.io.IOException: 401 for token=***"));
        } finally {
            System.clearProperty("infra.test.token");
        }
    }

    private static EngineTestKit.Builder engine(Path environment) {
        return EngineTestKit.engine(InfraTestEngine.ENGINE_ID)
                .configurationParameter("infra.environment", environment.toString())
                .configurationParameter("junit.platform.discovery.issue.severity.critical", "error");
    }

    private static void talkForever(ServerSocket tarpit) {
        try {
            while (true) {
                Socket caught = tarpit.accept();
                Thread drip = new Thread(() -> {
                    try (caught; OutputStream out = caught.getOutputStream()) {
                        for (int i = 0; i < 600; i++) {
                            out.write(("welcome, line " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(200);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client left
                    }
                }, "tarpit-drip");
                drip.setDaemon(true);
                drip.start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Live threads whose name starts so, after a moment for stopped ones to end. */
    private static List<String> threadsNamed(String prefix) throws InterruptedException {
        List<String> names = List.of();
        for (int i = 0; i < 20; i++) {
            names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> name.startsWith(prefix)).toList();
            if (names.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return names;
    }
}

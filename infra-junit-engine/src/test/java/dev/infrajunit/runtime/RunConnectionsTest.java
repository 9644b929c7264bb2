package dev.infrajunit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.embedded.EmbeddedFleet;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a run uses its hosts' SSH connections: connected ahead of their checks, and batches that leave once every check waits. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunConnectionsTest {

    @TempDir
    Path dir;

    private EmbeddedFleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** The first check of a host has the next few hosts connect, so that their checks need not wait for it. */
    @Test
    void theNextFewHostsConnectAheadOfTheirChecks() throws Exception {
        try (RunEnvironment run = new RunEnvironment(environment(6), Duration.ofMillis(20))) {
            Map<String, Integer> checks = new LinkedHashMap<>();
            for (int i = 1; i <= 6; i++) {
                checks.put("host-" + i, 1);
            }
            run.expectChecks(checks);

            run.checkStarted("host-1");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fleet.servers().subList(1, 5))
                    .allSatisfy(server -> assertThat(server.connectionCount()).isEqualTo(1)));
            assertThat(fleet.servers().get(0).connectionCount()).as("host-1 connects for its first command").isZero();
            assertThat(fleet.servers().get(5).connectionCount()).as("at most four hosts ahead").isZero();

            run.checkStarted("host-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> fleet.servers().get(5).connectionCount() == 1);
            assertThat(run.host("host-2").run(Command.of("echo ready")).stdout()).isEqualTo("ready\n");
            assertThat(fleet.servers().get(1).connectionCount()).as("the connection made ahead is the one used").isEqualTo(1);
        }
    }

    /** A check waiting for a fact that another of its host's checks is fetching sends no command: the batch does not wait for it. */
    @Test
    void aBatchDoesNotWaitForACheckThatWaitsForAFact() throws Exception {
        try (RunEnvironment run = new RunEnvironment(environment(1), Duration.ofMinutes(1))) {
            run.expectChecks(Map.of("host-1", 3));
            Host host = run.host("host-1");
            // the third check has finished: two are left, both after the same fact
            run.checkFinished("host-1");

            CompletableFuture<String> fetching = CompletableFuture.supplyAsync(
                    () -> host.fact("test.slow", () -> host.run(Command.of("sleep 0.3; echo fetched")).stdout()));
            Thread.sleep(100);
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                    () -> host.fact("test.slow", () -> host.run(Command.of("echo again")).stdout()));

            assertThat(fetching.get(5, TimeUnit.SECONDS)).isEqualTo("fetched\n");
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("fetched\n");
            assertThat(fleet.servers().get(0).execCount()).isEqualTo(1);
        }
    }

    private EnvironmentDefinition environment(int hosts) {
        fleet = EmbeddedFleet.start(dir, hosts);
        return new EnvironmentLoader(getClass().getClassLoader(), name -> null).parse(fleet.environment(), "connections", Optional.empty());
    }
}

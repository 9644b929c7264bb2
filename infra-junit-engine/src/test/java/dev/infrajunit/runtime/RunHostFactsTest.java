package dev.infrajunit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RunHostFactsTest {

    private final RunEnvironment run = new RunEnvironment(new EnvironmentDefinition("test", Optional.empty(), Map.of(),
            List.of(local("db-1"))));
    private final ExecutorService checks = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        checks.shutdownNow();
        run.close();
    }

    /** A check fetching the fact "packages" with a command that takes long, and the thread it runs on. */
    private record Fetching(Future<Object> outcome, Thread thread) {
    }

    private Fetching startFetching(Host host, Command slow) throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CompletableFuture<Thread> fetcher = new CompletableFuture<>();
        Future<Object> outcome = checks.submit(() -> {
            fetcher.complete(Thread.currentThread());
            try {
                return host.fact("packages", () -> {
                    fetching.countDown();
                    return host.run(slow).stdout();
                });
            } catch (RuntimeException e) {
                return e;
            }
        });
        fetching.await();
        return new Fetching(outcome, fetcher.get());
    }

    /**
     * The check that fetches a fact may be stopped by its own timeout half-way; the checks waiting
     * for the same fact were not stopped, so they fetch it themselves instead of failing with the
     * other check's interruption.
     */
    @Test
    void aFactWhoseFetchingCheckWasStoppedIsFetchedByTheChecksWaitingForIt() throws Exception {
        Host host = run.host("db-1");
        Fetching stopped = startFetching(host, Command.of("sleep 10; echo from-the-stopped-check"));
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            return host.fact("packages", () -> host.run(Command.of("echo from-the-waiting-check")).stdout());
        }, checks);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.WAITING);

        stopped.thread().interrupt();

        assertThat(waiting.get()).isEqualTo("from-the-waiting-check\n");
        assertThat(host.fact("packages", () -> "fetched a third time")).isEqualTo("from-the-waiting-check\n");
    }

    @Test
    void theCheckThatWasStoppedWhileFetchingIsToldSo() throws Exception {
        Fetching stopped = startFetching(run.host("db-1"), Command.of("sleep 10"));

        stopped.thread().interrupt();

        assertThat((Throwable) stopped.outcome().get()).isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-1: interrupted while running: sleep 10");
    }

    private static HostDefinition local(String name) {
        SshSettings ssh = new SshSettings("", 0, List.of(), Optional.empty(), Path.of("known_hosts"), HostKeyChecking.STRICT,
                Duration.ofSeconds(10), Optional.empty(), false);
        return new HostDefinition(name, "localhost", List.of(), "local", ssh, Duration.ofSeconds(30), false, Map.of(), 0);
    }
}

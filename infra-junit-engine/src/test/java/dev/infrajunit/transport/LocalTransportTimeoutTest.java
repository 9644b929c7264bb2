package dev.infrajunit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalTransportTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aTimedOutCommandLineIsStoppedWholeNotJustItsRunningPart() throws Exception {
        Path marker = dir.resolve("finished");
        LocalTransport transport = new LocalTransport("localhost");

        assertThatThrownBy(() -> transport.execute(Command.of("sleep 2; touch {0}", marker.toString()), Duration.ofMillis(500)))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("localhost: command timed out after 500ms: sleep 2; touch " + marker
                        + " (raise commandTimeout for this host if it is expected to be slow)");
        Thread.sleep(2500);
        assertThat(marker).as("the shell must not go on to the next command once its sleep is killed").doesNotExist();
    }

    /** A check stopped by its own timeout interrupts its command: what the command started must stop too. */
    @Test
    void anInterruptedCommandLineIsStoppedWholeToo() throws Exception {
        Path marker = dir.resolve("finished");
        LocalTransport transport = new LocalTransport("localhost");
        ExecutorService checks = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            CountDownLatch started = new CountDownLatch(1);
            Future<Throwable> outcome = checks.submit(() -> {
                caller.complete(Thread.currentThread());
                started.countDown();
                try {
                    transport.execute(Command.of("(sleep 2; touch {0}); true", marker.toString()), Duration.ofSeconds(10));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            started.await();
            Thread.sleep(500);
            caller.get().interrupt();

            assertThat(outcome.get()).isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("localhost: interrupted while running: (sleep 2; touch " + marker + "); true");
            Thread.sleep(2500);
            assertThat(marker).as("the subshell the command started must not go on").doesNotExist();
        } finally {
            checks.shutdownNow();
        }
    }
}

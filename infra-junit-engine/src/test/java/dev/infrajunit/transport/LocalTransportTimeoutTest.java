package dev.infrajunit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import java.nio.file.Path;
import java.time.Duration;
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
}

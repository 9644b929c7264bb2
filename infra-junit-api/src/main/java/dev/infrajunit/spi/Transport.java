package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How commands reach one host. Implementations are thread-safe: the checks of one host may run
 * commands concurrently over the same transport.
 */
@API(status = EXPERIMENTAL)
public interface Transport extends AutoCloseable {

    /**
     * Runs a command and reads both of its streams to the end.
     *
     * @throws dev.infrajunit.CouldNotCheckException when the host cannot be reached, the command
     *         does not finish within the timeout, or the connection breaks; the message begins with
     *         the host name and says what to do
     */
    CommandResult execute(Command command, Duration timeout);

    /**
     * Closes the connection for now, when none of the host's checks of the run is left: a later
     * command connects again. Idle transports have nothing to release.
     */
    default void release() {
    }

    /** Closes the connection, if any; commands after this fail. */
    @Override
    void close();
}

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
     * The host's checks are about to start: a transport that connects may open its connection now,
     * off the calling thread, so that their first command need not wait for it. Never throws; a
     * failure to connect is the first command's to report.
     */
    default void prepare() {
    }

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

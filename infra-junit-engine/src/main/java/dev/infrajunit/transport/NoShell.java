package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.spi.Transport;
import java.time.Duration;

/**
 * The transport of a subject that is not a machine one logs in to, such as an RDS database
 * ({@code transport: none}): every command is refused at once, so a host check written for a
 * server ends as "could not check", never as a hang or a pass.
 */
final class NoShell implements Transport {

    private final String host;

    NoShell(String host) {
        this.host = host;
    }

    @Override
    public CommandResult execute(Command command, Duration timeout) {
        throw new CouldNotCheckException(host, "could not check: this subject has no shell (transport: none), so `"
                + command.line() + "` cannot run on it; check it with hasRecentBackup() or the AWS assertions");
    }

    @Override
    public void close() {
        // nothing was opened
    }
}

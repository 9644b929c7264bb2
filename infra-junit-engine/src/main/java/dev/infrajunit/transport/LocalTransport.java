package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs commands with {@code sh -c} on the machine that runs the specs ({@code transport: local}). */
public final class LocalTransport implements Transport {

    private final String hostName;

    public LocalTransport(String hostName) {
        this.hostName = hostName;
    }

    @Override
    public CommandResult execute(Command command, Duration timeout) {
        return ProcessRun.run(hostName, List.of("sh", "-c", command.line()), Optional.empty(), command, timeout,
                "a local shell");
    }

    @Override
    public void close() {
        // nothing stays open between commands
    }
}

package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a command printed and how it ended. Both streams are read completely, whatever their size.
 *
 * @param host       the host it ran on
 * @param command    the command line as sent
 * @param exitStatus the exit status ({@code 127}: command not found)
 * @param stdout     standard output, decoded as UTF-8
 * @param stderr     standard error, decoded as UTF-8
 * @param duration   how long it ran
 */
@API(status = STABLE)
public record CommandResult(String host, String command, int exitStatus, String stdout, String stderr,
                            Duration duration) {

    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** Standard output as lines, without the trailing empty line. */
    public List<String> stdoutLines() {
        return stdout.isEmpty() ? List.of() : stdout.lines().toList();
    }

    /** {@code sh} exits with 127 when it cannot find the command. */
    public boolean commandNotFound() {
        return exitStatus == 127;
    }
}

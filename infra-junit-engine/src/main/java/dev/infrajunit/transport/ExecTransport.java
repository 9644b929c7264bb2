package dev.infrajunit.transport;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code transport: { exec: [docker, exec, -i, "${host}", sh, -s] }}: each command starts that
 * process, a shell on the host reading its script from standard input (docker exec, kubectl exec,
 * an SSM session, a shell in another namespace), and writes the command to it.
 *
 * <p>The script first prints a marker line, then runs the command with its standard input from
 * {@code /dev/null}, grouped so that the shell reads the whole command before it runs any of it (a
 * command that reads its input cannot eat the script). Output without the marker means no shell
 * ever ran the command: the host could not be reached, and the check could not be checked, with
 * what the process said. Arguments are quoted by {@link Command} as for SSH, and the host's
 * {@code commandTimeout} bounds the whole process.
 */
final class ExecTransport implements Transport {

    static final String MARKER = "infra-junit-exec-shell";

    private final String host;
    private final List<String> argv;

    ExecTransport(String host, List<String> argv) {
        this.host = host;
        this.argv = List.copyOf(argv);
    }

    @Override
    public CommandResult execute(Command command, Duration timeout) {
        String script = "echo " + MARKER + "\n{\n" + command.line() + "\n} </dev/null\n";
        CommandResult run = ProcessRun.run(host, argv, Optional.of(script), command, timeout, "`" + shown() + "`");
        if (!run.stdout().startsWith(MARKER + "\n")) {
            String said = run.stderr().isBlank() ? run.stdout().strip() : run.stderr().strip();
            throw new CouldNotCheckException(host, "could not reach the host through `" + shown() + "`: it exited with "
                    + run.exitStatus() + " before a shell ran the command" + (said.isEmpty() ? "" : ": " + said)
                    + "; check that the command gives a shell on the host when run by hand");
        }
        return new CommandResult(host, command.line(), run.exitStatus(), run.stdout().substring(MARKER.length() + 1),
                run.stderr(), run.duration());
    }

    private String shown() {
        return String.join(" ", argv);
    }

    @Override
    public void close() {
        // each command is its own process
    }
}

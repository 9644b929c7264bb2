package dev.infrajunit.runtime;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.environment.Secrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every command a check runs on a host: logged at DEBUG to {@code dev.infrajunit.commands}, and
 * published as a report entry of the running check (host, command line, exit status, duration
 * and the start of its output), secrets masked in all of them.
 */
final class CommandLog {

    /** The logger to set to DEBUG to see every command. */
    static final String LOGGER = "dev.infrajunit.commands";
    /** How much of a command's output a report entry keeps. */
    static final int OUTPUT_KEPT = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private CommandLog() {
    }

    static void ran(String host, Command command, CommandResult result, Duration took) {
        String line = Secrets.mask(command.line());
        LOG.debug("{}: {} -> exit {} in {} ms", host, line, result.exitStatus(), took.toMillis());
        publish(host, line, String.valueOf(result.exitStatus()), took, output(result));
    }

    static void couldNotRun(String host, Command command, RuntimeException problem, Duration took) {
        String line = Secrets.mask(command.line());
        String why = Secrets.mask(String.valueOf(problem.getMessage()));
        LOG.debug("{}: {} -> could not run in {} ms: {}", host, line, took.toMillis(), why);
        publish(host, line, "none", took, why);
    }

    private static void publish(String host, String line, String exitStatus, Duration took, String output) {
        ActiveCheck.current().ifPresent(reporter -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("host", host);
            entry.put("command", line);
            entry.put("exitStatus", exitStatus);
            entry.put("durationMs", String.valueOf(took.toMillis()));
            if (!output.isEmpty()) {
                entry.put("output", output);
            }
            reporter.command(entry);
        });
    }

    private static String output(CommandResult result) {
        String stdout = result.stdout();
        String between = stdout.isEmpty() || stdout.endsWith("\n") || result.stderr().isEmpty() ? "" : "\n";
        String both = stdout + between + result.stderr();
        String masked = Secrets.mask(both);
        return masked.length() <= OUTPUT_KEPT ? masked
                : masked.substring(0, OUTPUT_KEPT) + "... (" + (masked.length() - OUTPUT_KEPT) + " more characters)";
    }
}

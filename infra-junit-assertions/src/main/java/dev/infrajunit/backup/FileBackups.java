package dev.infrajunit.backup;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code files} policies: the newest file matching a glob on the host, by modification time,
 * found with one read-only shell command over the host's transport.
 */
final class FileBackups {

    /*
     * The shell picks the newest match itself (test's -nt), so only one line of metadata and one
     * path come back however many files match, and a name holding a newline cannot confuse the
     * parsing: the path is everything after the first line. stat -c is GNU and BusyBox, stat -f
     * is BSD and macOS. When nothing matches, the script says whether the directory is missing
     * or unreadable, so the message can tell those apart from an empty directory. The first line
     * is the host's own time, so ages compare two readings of one clock: a host whose clock is
     * off from the test machine's still dates its files right.
     */
    private static final String NO_DIRECTORY = "no-directory";
    private static final String UNREADABLE = "unreadable-directory";
    private static final String FIND_NEWEST = "echo \"$(date +%%s 2>/dev/null)\"; newest=; for f in %s; do"
            + " if [ -f \"$f\" ] && { [ -z \"$newest\" ] || [ \"$f\" -nt \"$newest\" ]; }; then newest=$f; fi; done;"
            + " if [ -n \"$newest\" ]; then"
            + " stat -L -c '%%Y %%s' -- \"$newest\" 2>/dev/null || stat -L -f '%%m %%z' -- \"$newest\" || exit 3;"
            + " printf '%%s' \"$newest\";"
            + " elif [ ! -d %s ]; then echo " + NO_DIRECTORY
            + "; elif [ ! -r %2$s ] || [ ! -x %2$s ]; then echo " + UNREADABLE + "; fi";
    private static final Pattern METADATA = Pattern.compile("(\\d+) (\\d+)\n(.*)", Pattern.DOTALL);
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+");
    private static final int MAX_OUTPUT_SHOWN = 500;

    private final Host host;

    FileBackups(Host host) {
        this.host = host;
    }

    List<String> problems(BackupPolicy policy, BackupExpectation expectation) {
        ShellGlob glob = glob(policy);
        CommandResult result = run(policy, findNewest(glob));
        if (result.exitStatus() != 0) {
            throw new CouldNotCheckException(host.name(), "could not look for backups matching " + glob + ": `"
                    + result.command() + "` exited with " + result.exitStatus() + ": " + output(result));
        }
        String[] hostTimeAndRest = result.stdout().split("\n", 2);
        String rest = hostTimeAndRest.length == 2 ? hostTimeAndRest[1] : "";
        Matcher found = METADATA.matcher(rest);
        if (!found.matches()) {
            return List.of(expectation.butFound("nothing matches " + glob + whyNothing(glob, rest.strip())));
        }
        String path = found.group(3);
        FoundBackup newest = new FoundBackup(glob.nameOf(path), Instant.ofEpochSecond(Long.parseLong(found.group(1))),
                OptionalLong.of(Long.parseLong(found.group(2))));
        Optional<String> problem = onHostClock(expectation, hostTimeAndRest[0]).problemWith("the newest of " + glob, newest);
        if (problem.isPresent()) {
            return List.of(problem.get());
        }
        return policy.verify().flatMap(verify -> verify(policy, glob, verify, path)).map(List::of).orElse(List.of());
    }

    /**
     * The expectation at the host's time when its {@code date} could tell it; else as it came, at
     * the check's clock.
     */
    private static BackupExpectation onHostClock(BackupExpectation expectation, String hostEpochSeconds) {
        if (!EPOCH_SECONDS.matcher(hostEpochSeconds).matches()) {
            return expectation;
        }
        return expectation.at(Instant.ofEpochSecond(Long.parseLong(hostEpochSeconds)));
    }

    private ShellGlob glob(BackupPolicy policy) {
        try {
            return ShellGlob.parse(policy.target());
        } catch (IllegalArgumentException e) {
            throw new InfraException(host.name() + ": backup policy " + policy.describe() + ": " + e.getMessage());
        }
    }

    private static Command findNewest(ShellGlob glob) {
        List<Object> arguments = new ArrayList<>();
        String globWord = glob.word(arguments);
        String directoryWord = glob.directoryWord(arguments);
        return Command.of(String.format(FIND_NEWEST, globWord, directoryWord), arguments.toArray());
    }

    private String whyNothing(ShellGlob glob, String marker) {
        if (marker.equals(NO_DIRECTORY)) {
            return ": " + glob.displayDirectory() + " does not exist";
        }
        if (marker.equals(UNREADABLE)) {
            // Not a finding about the backups: the check could not look at them.
            throw new CouldNotCheckException(host.name(), "could not look for backups matching " + glob + ": "
                    + glob.displayDirectory() + " is not readable by the login user; add privileged: true to the policy"
                    + " to read it with sudo -n (the host needs sudo: true)");
        }
        return "";
    }

    private Optional<String> verify(BackupPolicy policy, ShellGlob glob, String verify, String path) {
        CommandResult result = run(policy, Command.of(verify, path));
        if (result.commandNotFound()) {
            throw new CouldNotCheckException(host.name(), "the verify command of backup policy " + policy.describe()
                    + " was not found on the host: " + output(result));
        }
        if (result.succeeded()) {
            return Optional.empty();
        }
        return Optional.of("expected the newest of " + glob + " to pass `" + verify + "`, but `" + result.command()
                + "` exited with " + result.exitStatus() + ": " + output(result));
    }

    private CommandResult run(BackupPolicy policy, Command command) {
        return host.run(policy.privileged() ? command.privileged() : command);
    }

    /** What a command said, stderr first, short enough for one failure message. */
    private static String output(CommandResult result) {
        String said = !result.stderr().isBlank() ? result.stderr().strip() : result.stdout().strip();
        if (said.isEmpty()) {
            return "(no output)";
        }
        return said.length() <= MAX_OUTPUT_SHOWN ? said : said.substring(0, MAX_OUTPUT_SHOWN) + " ...";
    }
}

package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes running on a host, read from {@code /proc/PID/status} in one command: unlike
 * {@code ps}, whose columns differ between procps and BusyBox and which prints long user names as
 * numbers, the kernel's own table reads the same everywhere. Read afresh for every check: processes
 * come and go.
 */
public final class Processes {

    public static final String SOURCE = "/proc/*/status";

    // The glob is the shell's, not an argument: nothing from a check reaches this line. -H names
    // the file even when the glob finds only one; privileged, so hosts with sudo see every process.
    private static final Command LIST = Command.of("grep -H -E '^(Name|Uid):' /proc/[0-9]*/status 2>/dev/null").privileged();
    private static final Pattern LINE = Pattern.compile("^/proc/(\\d+)/status:(Name|Uid):\\s*(.*)$");

    /** Linux keeps the first 15 bytes of a process name. */
    public static final int NAME_LIMIT = 15;

    private Processes() {
    }

    /** One process: its id, its name (comm, at most 15 characters) and its real user id. */
    public record ProcessEntry(long pid, String name, long uid) {
    }

    public static List<ProcessEntry> list(Host host) {
        CommandResult result = HostTools.run(host, LIST, "grep", "processes");
        if (result.stdout().isBlank()) {
            throw HostTools.missing(host, "processes", "/proc is not readable");
        }
        List<ProcessEntry> processes = parse(result.stdoutLines());
        // PID 1 always runs: not seeing it means /proc hides other users' processes, root daemons included.
        if (processes.stream().noneMatch(process -> process.pid() == 1)) {
            throw HostTools.missing(host, "processes", "process 1 is not visible in /proc, so the processes of other users"
                    + " are hidden from the login user (is /proc mounted with hidepid?); give the host sudo: true to list"
                    + " them with sudo -n");
        }
        return processes;
    }

    public static List<ProcessEntry> parse(List<String> lines) {
        Map<Long, String[]> byPid = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String[] fields = byPid.computeIfAbsent(Long.parseLong(m.group(1)), pid -> new String[2]);
                fields[m.group(2).equals("Name") ? 0 : 1] = m.group(3);
            }
        }
        List<ProcessEntry> processes = new ArrayList<>();
        byPid.forEach((pid, fields) -> {
            // a process that ended between the two reads has only one of its lines
            if (fields[0] != null && fields[1] != null) {
                processes.add(new ProcessEntry(pid, fields[0], Long.parseLong(Columns.of(fields[1].trim())[0])));
            }
        });
        return processes;
    }

    /** Whether a process name as the kernel keeps it is the wanted name, allowing for the 15-byte cut. */
    public static boolean nameMatches(String kernelName, String wanted) {
        return kernelName.equals(wanted)
                || (wanted.length() > NAME_LIMIT && kernelName.equals(wanted.substring(0, NAME_LIMIT)));
    }

    /**
     * A process's environment, from {@code /proc/PID/environ} (root, or the process's own user, may
     * read it; the command runs with {@code sudo -n} on hosts that allow it). Empty when the process
     * has ended meanwhile.
     */
    public static Optional<Map<String, String>> environment(Host host, long pid) {
        String file = "/proc/" + pid + "/environ";
        CommandResult result = host.run(Command.of("tr '\\000' '\\n' < {0}", file).privileged());
        if (!result.succeeded() && result.stderr().contains("No such file")) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw HostTools.missing(host, "the environment of pid " + pid, HostTools.exited(result)
                    + "; only root and the process's own user may read " + file + ": give the check root (sudo: true for the host)");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : result.stdoutLines()) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return Optional.of(variables);
    }
}

package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a service runs and starts at boot, asked of whatever manages services on the host:
 * systemd (only when it is PID 1: an installed {@code systemctl} without a running systemd answers
 * nothing true), OpenRC, SysV init scripts, or, with no manager at all, a pid file. Init scripts are
 * only ever asked for {@code status}, which LSB requires to change nothing.
 */
public final class ServiceFacts {

    public static final String MANAGER_FACT = "infra-junit.service-manager";

    private static final Command DETECT = Command.of(
            "if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then echo systemd;"
                    + " elif [ -d /run/openrc ] && command -v rc-service >/dev/null 2>&1; then echo openrc;"
                    + " elif [ -d /etc/init.d ]; then echo sysv;"
                    + " else echo none; fi;"
                    + " if command -v systemctl >/dev/null 2>&1; then echo systemctl-installed; fi");

    private static final String SYSTEMD_SHOW = (
            "systemctl show -p LoadState -p ActiveState -p SubState -p UnitFileState -- {0}");
    private static final String OPENRC_STATUS = (
            "if rc-service --exists -- {0}; then echo exists; rc-service -- {0} status; else echo missing; fi");
    private static final String RC_UPDATE_SHOW = "rc-update show -v";
    private static final Command OPENRC_RUNLEVELS = Command.of(RC_UPDATE_SHOW);
    private static final String SYSV_STATUS = (
            "if [ -x /etc/init.d/{0} ]; then /etc/init.d/{0} status </dev/null; echo \"exit=$?\"; else echo missing; fi");
    // a missing runlevel directory is normal; one that cannot be listed leaves the answer unknown
    private static final Command SYSV_LINKS = Command.of(
            "for d in /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d; do if [ -d \"$d\" ]; then ls -- \"$d\" || exit 1; fi; done");
    private static final String PID_FILES = (
            "for f in /run/{0}.pid /var/run/{0}.pid /run/{0}/{0}.pid; do if [ -r \"$f\" ]; then echo \"$f\"; head -n 1 \"$f\"; exit 0; fi; done; echo none");
    /*
     * kill -0 signals nothing; it fails with EPERM for a live process of another user, which /proc
     * may hide (hidepid), and with ESRCH for no process. What it said tells those apart; /proc is
     * asked only when kill failed in words not known here.
     */
    private static final String PROCESS_ALIVE = (
            "if said=$(LC_ALL=C kill -0 {0} 2>&1); then echo alive; elif [ -d /proc/{0} ]; then echo alive; else echo \"$said\"; fi");

    /** systemctl is-enabled answers 0 for these states; linked, masked, disabled and bad are not enabled. */
    private static final Set<String> ENABLED_STATES = Set.of(
            "enabled", "enabled-runtime", "static", "indirect", "generated", "alias", "transient");

    private static final String ONLY_PID_FILE = "no service manager knows it, only its ";

    private static final Pattern SERVICE_NAME = Pattern.compile("[^/\\x00]+");

    private ServiceFacts() {
    }

    /**
     * The service manager found on the host.
     *
     * @param name                 {@code systemd}, {@code openrc}, {@code sysv} or {@code none}
     * @param systemctlInstalled   whether {@code systemctl} exists even though systemd is not running
     */
    public record Manager(String name, boolean systemctlInstalled) {

        /** Said in messages when systemd's absence explains where we looked instead. */
        public String note() {
            return !name.equals("systemd") && systemctlInstalled ? "; systemctl is installed but systemd is not running" : "";
        }
    }

    /**
     * A service's state as its manager reports it.
     *
     * @param known   whether the manager (or a pid file) knows the service at all
     * @param running whether it runs now
     * @param enabled whether it starts at boot; empty when the source cannot tell (a bare pid file,
     *                a failing {@code rc-update})
     * @param state   the manager's own words for the running state ({@code active (running)},
     *                {@code stopped}, {@code exit status 3}) for messages
     * @param enabledState the manager's words for the boot-time state, or why it cannot be told
     * @param source  the command or file the running state came from
     * @param enabledSource the command the boot-time state came from
     */
    public record ServiceState(boolean known, boolean running, Optional<Boolean> enabled, String state, String enabledState,
                               String source, String enabledSource) {
    }

    public static Manager manager(Host host) {
        return host.fact(MANAGER_FACT, () -> {
            List<String> lines = host.run(DETECT).stdoutLines();
            return new Manager(lines.isEmpty() ? "none" : lines.get(0).strip(), lines.contains("systemctl-installed"));
        });
    }

    /** Service names never contain a slash: one would let a name like {@code ../../bin/x} leave /etc/init.d. */
    public static void requireServiceName(String name) {
        if (!SERVICE_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a service name: it must not be empty,"
                    + " '.', '..', or contain '/'");
        }
    }

    public static ServiceState state(Host host, String name) {
        requireServiceName(name);
        Manager manager = manager(host);
        return switch (manager.name()) {
            case "systemd" -> systemd(host, name);
            case "openrc" -> openrc(host, name);
            case "sysv" -> sysv(host, name, manager);
            default -> pidFile(host, name).orElseThrow(() -> HostTools.missing(host, "service " + name,
                    "no service manager found (systemd is not running, no OpenRC, no /etc/init.d) and no pid file"
                            + " /run/" + name + ".pid or /var/run/" + name + ".pid" + manager.note()));
        };
    }

    private static ServiceState systemd(Host host, String name) {
        CommandResult result = HostTools.run(host, Command.of(SYSTEMD_SHOW, name), "systemctl", "service " + name);
        Map<String, String> properties = parseSystemdShow(result.stdoutLines());
        // An unknown unit still answers LoadState=not-found; no answer says nothing about the service.
        if (!result.succeeded() || !properties.containsKey("LoadState")) {
            throw HostTools.failed(host, "service " + name, result);
        }
        return fromSystemd(name, properties);
    }

    /** {@code systemctl show -p ...} prints {@code Key=value} lines. */
    public static Map<String, String> parseSystemdShow(List<String> lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                properties.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return properties;
    }

    public static ServiceState fromSystemd(String name, Map<String, String> properties) {
        String source = "systemctl show " + name;
        String load = properties.getOrDefault("LoadState", "");
        if (load.equals("not-found")) {
            return new ServiceState(false, false, Optional.of(false), "not found (LoadState=not-found)",
                    "not found (LoadState=not-found)", source, source);
        }
        String active = properties.getOrDefault("ActiveState", "unknown");
        String sub = properties.getOrDefault("SubState", "");
        String unitFile = properties.getOrDefault("UnitFileState", "");
        return new ServiceState(true, active.equals("active"), Optional.of(ENABLED_STATES.contains(unitFile)),
                active + (sub.isEmpty() ? "" : " (" + sub + ")"), unitFile.isEmpty() ? "unknown" : unitFile, source, source);
    }

    private static ServiceState openrc(Host host, String name) {
        CommandResult status = HostTools.run(host, Command.of(OPENRC_STATUS, name), "rc-service", "service " + name);
        List<String> lines = status.stdoutLines();
        String source = "rc-service " + name + " status";
        if (lines.isEmpty() || lines.get(0).strip().equals("missing")) {
            return new ServiceState(false, false, Optional.of(false), "unknown to OpenRC", "unknown to OpenRC", source, source);
        }
        String word = parseOpenRcStatus(lines);
        boolean running = word.equals("started");
        CommandResult show = HostTools.run(host, OPENRC_RUNLEVELS, "rc-update", "service " + name);
        // Whether it starts at boot is then unknown, not "no": the running state still holds.
        if (!show.succeeded()) {
            return new ServiceState(true, running, Optional.empty(), word, HostTools.exited(show), source, RC_UPDATE_SHOW);
        }
        List<String> runlevels = parseOpenRcRunlevels(show.stdoutLines()).get(name);
        if (runlevels == null) {
            return new ServiceState(true, running, Optional.empty(), word, "`" + RC_UPDATE_SHOW + "` does not list it",
                    source, RC_UPDATE_SHOW);
        }
        return new ServiceState(true, running, Optional.of(!runlevels.isEmpty()), word,
                runlevels.isEmpty() ? "in no runlevel" : "in runlevel " + String.join(", ", runlevels), source, RC_UPDATE_SHOW);
    }

    /** {@code rc-service sshd status} prints {@code  * status: started}. */
    public static String parseOpenRcStatus(List<String> lines) {
        for (String line : lines) {
            int at = line.indexOf("status:");
            if (at >= 0) {
                return line.substring(at + "status:".length()).strip();
            }
        }
        return "unknown";
    }

    /** {@code rc-update show -v} prints {@code  sshd | default} per service; an empty right side means no runlevel. */
    public static Map<String, List<String>> parseOpenRcRunlevels(List<String> lines) {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        for (String line : lines) {
            int bar = line.indexOf('|');
            if (bar > 0) {
                String levels = line.substring(bar + 1).strip();
                byService.put(line.substring(0, bar).strip(), levels.isEmpty() ? List.of() : List.of(levels.split("\\s+")));
            }
        }
        return byService;
    }

    private static ServiceState sysv(Host host, String name, Manager manager) {
        List<String> lines = host.run(Command.of(SYSV_STATUS, name)).stdoutLines();
        String source = "/etc/init.d/" + name + " status" + manager.note();
        if (lines.isEmpty() || lines.get(lines.size() - 1).equals("missing")) {
            return pidFile(host, name).orElse(new ServiceState(false, false, Optional.of(false),
                    "unknown: there is no /etc/init.d/" + name + " and no pid file /run/" + name + ".pid",
                    "unknown: there is no /etc/init.d/" + name, "/etc/init.d/" + name + manager.note(),
                    "/etc/init.d/" + name + manager.note()));
        }
        int exit = Integer.parseInt(lines.get(lines.size() - 1).substring("exit=".length()));
        if (exit == 4) {
            throw HostTools.missing(host, "service " + name, "`/etc/init.d/" + name + " status` exited with 4: its status is"
                    + " unknown to the init script, which many init scripts answer without root");
        }
        CommandResult links = HostTools.run(host, SYSV_LINKS, "ls", "service " + name);
        if (!links.succeeded()) {
            return new ServiceState(true, exit == 0, Optional.empty(), exit == 0 ? "running" : lsbStatus(exit),
                    HostTools.exited(links), source, "ls /etc/rc[2-5].d" + manager.note());
        }
        boolean enabled = sysvStartLinks(links.stdoutLines(), name);
        return new ServiceState(true, exit == 0, Optional.of(enabled), exit == 0 ? "running" : lsbStatus(exit),
                enabled ? "linked to start in /etc/rc[2-5].d" : "not linked to start in /etc/rc[2-5].d", source,
                "ls /etc/rc[2-5].d" + manager.note());
    }

    /** LSB init-script status codes. */
    static String lsbStatus(int exit) {
        return switch (exit) {
            case 1 -> "dead, its pid file left behind (exit status 1)";
            case 2 -> "dead, its lock file left behind (exit status 2)";
            case 3 -> "not running (exit status 3)";
            case 4 -> "of unknown status (exit status 4)";
            default -> "not running (exit status " + exit + ")";
        };
    }

    /** An init script starts at boot when a runlevel 2-5 directory links {@code S<NN><name>} to it. */
    public static boolean sysvStartLinks(List<String> listing, String name) {
        Pattern link = Pattern.compile("S\\d\\d" + Pattern.quote(name));
        return listing.stream().map(String::strip).anyMatch(entry -> link.matcher(entry).matches());
    }

    private static Optional<ServiceState> pidFile(Host host, String name) {
        List<String> lines = host.run(Command.of(PID_FILES, name)).stdoutLines();
        if (lines.isEmpty() || lines.get(0).equals("none")) {
            return Optional.empty();
        }
        String file = lines.get(0);
        String pid = lines.size() > 1 ? lines.get(1).strip() : "";
        if (!pid.matches("\\d+")) {
            return Optional.of(new ServiceState(true, false, Optional.empty(), "not running: pid file " + file
                    + " holds no pid", ONLY_PID_FILE + file, file, file));
        }
        boolean alive = alive(host, name, pid);
        return Optional.of(new ServiceState(true, alive, Optional.empty(), alive ? "running (pid " + pid + ")"
                : "not running: pid file " + file + " names pid " + pid + ", which is not running", ONLY_PID_FILE + "pid file " + file,
                "pid file " + file, "pid file " + file));
    }

    private static boolean alive(Host host, String name, String pid) {
        CommandResult result = host.run(Command.of(PROCESS_ALIVE, pid));
        String said = result.stdout().strip();
        if (said.equals("alive") || said.contains("not permitted")) {
            return true;
        }
        if (said.contains("No such process")) {
            return false;
        }
        throw HostTools.missing(host, "service " + name, "cannot tell whether pid " + pid + " runs: `kill -0 " + pid
                + "` said " + (said.isEmpty() ? "nothing" : "'" + HostTools.firstLine(said) + "'") + " and /proc/" + pid + " is not visible");
    }
}

package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ServiceFacts.Manager;
import dev.infrajunit.assertions.facts.ServiceFacts.ServiceState;
import java.util.List;
import java.util.Optional;

/** With no service manager at all, a service is known only by its pid file and the process it names. */
final class PidFileServices implements ServiceManager {

    private static final String PID_FILES = (
            "for f in /run/{0}.pid /var/run/{0}.pid /run/{0}/{0}.pid; do if [ -r \"$f\" ]; then echo \"$f\"; head -n 1 \"$f\"; exit 0; fi; done; echo none");
    /*
     * kill -0 signals nothing; it fails with EPERM for a live process of another user, which /proc
     * may hide (hidepid), and with ESRCH for no process. What it said tells those apart; /proc is
     * asked only when kill failed in words not known here.
     */
    private static final String PROCESS_ALIVE = (
            "if said=$(LC_ALL=C kill -0 {0} 2>&1); then echo alive; elif [ -d /proc/{0} ]; then echo alive; else echo \"$said\"; fi");

    private static final String ONLY_PID_FILE = "no service manager knows it, only its ";

    private final Manager manager;

    PidFileServices(Manager manager) {
        this.manager = manager;
    }

    @Override
    public ServiceState state(Host host, String name) {
        return find(host, name).orElseThrow(() -> HostTools.missing(host, "service " + name,
                "no service manager found (systemd is not running, no OpenRC, no /etc/init.d) and no pid file"
                        + " /run/" + name + ".pid or /var/run/" + name + ".pid" + manager.note()));
    }

    static Optional<ServiceState> find(Host host, String name) {
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

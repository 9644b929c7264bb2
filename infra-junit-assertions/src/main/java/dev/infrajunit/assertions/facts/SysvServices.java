package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ServiceFacts.Manager;
import dev.infrajunit.assertions.facts.ServiceFacts.ServiceState;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Services as SysV init scripts report them. Init scripts are only ever asked for {@code status},
 * which LSB requires to change nothing; a service without one may still have a pid file.
 */
final class SysvServices implements ServiceManager {

    private static final String SYSV_STATUS = (
            "if [ -x /etc/init.d/{0} ]; then /etc/init.d/{0} status </dev/null; echo \"exit=$?\"; else echo missing; fi");
    // a missing runlevel directory is normal; one that cannot be listed leaves the answer unknown
    private static final Command SYSV_LINKS = Command.of(
            "for d in /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d; do if [ -d \"$d\" ]; then ls -- \"$d\" || exit 1; fi; done");

    private final Manager manager;

    SysvServices(Manager manager) {
        this.manager = manager;
    }

    @Override
    public ServiceState state(Host host, String name) {
        List<String> lines = host.run(Command.of(SYSV_STATUS, name)).stdoutLines();
        String source = "/etc/init.d/" + name + " status" + manager.note();
        if (lines.isEmpty() || lines.get(lines.size() - 1).equals("missing")) {
            return PidFileServices.find(host, name).orElse(new ServiceState(false, false, Optional.of(false),
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
        boolean enabled = startLinks(links.stdoutLines(), name);
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
    static boolean startLinks(List<String> listing, String name) {
        Pattern link = Pattern.compile("S\\d\\d" + Pattern.quote(name));
        return listing.stream().map(String::strip).anyMatch(entry -> link.matcher(entry).matches());
    }
}

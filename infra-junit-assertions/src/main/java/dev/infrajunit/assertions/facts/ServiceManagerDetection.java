package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ServiceFacts.Manager;
import java.util.List;

/**
 * Which service manager a host runs: systemd only when it is PID 1 (an installed {@code systemctl}
 * without a running systemd answers nothing true), then OpenRC, then SysV init scripts, else none.
 */
final class ServiceManagerDetection {

    private static final Command DETECT = Command.of(
            "if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then echo systemd;"
                    + " elif [ -d /run/openrc ] && command -v rc-service >/dev/null 2>&1; then echo openrc;"
                    + " elif [ -d /etc/init.d ]; then echo sysv;"
                    + " else echo none; fi;"
                    + " if command -v systemctl >/dev/null 2>&1; then echo systemctl-installed; fi");

    private ServiceManagerDetection() {
    }

    static Manager detect(Host host) {
        List<String> lines = host.run(DETECT).stdoutLines();
        return new Manager(lines.isEmpty() ? "none" : lines.get(0).strip(), lines.contains("systemctl-installed"));
    }

    static ServiceManager of(Manager manager) {
        return switch (manager.name()) {
            case "systemd" -> new SystemdServices();
            case "openrc" -> new OpenRcServices();
            case "sysv" -> new SysvServices(manager);
            default -> new PidFileServices(manager);
        };
    }
}

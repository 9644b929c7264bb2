package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ServiceFacts.ServiceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Services as OpenRC reports them: {@code rc-service} for the running state, {@code rc-update} for boot. */
final class OpenRcServices implements ServiceManager {

    private static final String OPENRC_STATUS = (
            "if rc-service --exists -- {0}; then echo exists; rc-service -- {0} status; else echo missing; fi");
    private static final String RC_UPDATE_SHOW = "rc-update show -v";
    private static final Command OPENRC_RUNLEVELS = Command.of(RC_UPDATE_SHOW);

    @Override
    public ServiceState state(Host host, String name) {
        CommandResult status = HostTools.run(host, Command.of(OPENRC_STATUS, name), "rc-service", "service " + name);
        List<String> lines = status.stdoutLines();
        String source = "rc-service " + name + " status";
        if (lines.isEmpty() || lines.get(0).strip().equals("missing")) {
            return new ServiceState(false, false, Optional.of(false), "unknown to OpenRC", "unknown to OpenRC", source, source);
        }
        String word = parseStatus(lines);
        boolean running = word.equals("started");
        CommandResult show = HostTools.run(host, OPENRC_RUNLEVELS, "rc-update", "service " + name);
        // Whether it starts at boot is then unknown, not "no": the running state still holds.
        if (!show.succeeded()) {
            return new ServiceState(true, running, Optional.empty(), word, HostTools.exited(show), source, RC_UPDATE_SHOW);
        }
        List<String> runlevels = parseRunlevels(show.stdoutLines()).get(name);
        if (runlevels == null) {
            return new ServiceState(true, running, Optional.empty(), word, "`" + RC_UPDATE_SHOW + "` does not list it",
                    source, RC_UPDATE_SHOW);
        }
        return new ServiceState(true, running, Optional.of(!runlevels.isEmpty()), word,
                runlevels.isEmpty() ? "in no runlevel" : "in runlevel " + String.join(", ", runlevels), source, RC_UPDATE_SHOW);
    }

    /** {@code rc-service sshd status} prints {@code  * status: started}. */
    static String parseStatus(List<String> lines) {
        for (String line : lines) {
            int at = line.indexOf("status:");
            if (at >= 0) {
                return line.substring(at + "status:".length()).strip();
            }
        }
        return "unknown";
    }

    /** {@code rc-update show -v} prints {@code  sshd | default} per service; an empty right side means no runlevel. */
    static Map<String, List<String>> parseRunlevels(List<String> lines) {
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
}

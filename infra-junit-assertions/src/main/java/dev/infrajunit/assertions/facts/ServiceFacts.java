package dev.infrajunit.assertions.facts;

import dev.infrajunit.Host;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a service runs and starts at boot, asked of whatever manages services on the host:
 * systemd (only when it is PID 1: an installed {@code systemctl} without a running systemd answers
 * nothing true), OpenRC, SysV init scripts, or, with no manager at all, a pid file. Init scripts are
 * only ever asked for {@code status}, which LSB requires to change nothing.
 */
public final class ServiceFacts {

    public static final String MANAGER_FACT = "infra-junit.service-manager";

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
        return host.fact(MANAGER_FACT, () -> ServiceManagerDetection.detect(host));
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
        return ServiceManagerDetection.of(manager(host)).state(host, name);
    }

    // Each manager's output is read by that manager's class; these name the readings in one place.

    static Map<String, String> parseSystemdShow(List<String> lines) {
        return SystemdServices.parseShow(lines);
    }

    static ServiceState fromSystemd(String name, Map<String, String> properties) {
        return SystemdServices.fromShow(name, properties);
    }

    static String parseOpenRcStatus(List<String> lines) {
        return OpenRcServices.parseStatus(lines);
    }

    static Map<String, List<String>> parseOpenRcRunlevels(List<String> lines) {
        return OpenRcServices.parseRunlevels(lines);
    }

    static boolean sysvStartLinks(List<String> listing, String name) {
        return SysvServices.startLinks(listing, name);
    }
}

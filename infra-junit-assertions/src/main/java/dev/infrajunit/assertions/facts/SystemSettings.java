package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the operating system that are read from a file or one tool: the time zone, whether
 * the clock is synchronized, the loaded kernel modules, and the SELinux and AppArmor modes.
 */
public final class SystemSettings {

    private static final Set<String> UTC = Set.of("UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu",
            "UCT", "Etc/UCT", "GMT", "Etc/GMT");

    /** What was read, and where. */
    public record Reading(String value, String source) {
    }

    private SystemSettings() {
    }

    /**
     * The zone {@code /etc/localtime} links to (Debian, the RHEL family, Alpine), else the name in
     * {@code /etc/timezone}; UTC when there is no {@code /etc/localtime}, as the C library then assumes.
     */
    public static Reading timeZone(Host host) {
        CommandResult result = HostTools.run(host, Command.of("if [ -L /etc/localtime ]; then echo link; readlink /etc/localtime;"
                + " elif [ -f /etc/timezone ]; then echo file; cat /etc/timezone;"
                + " elif [ -e /etc/localtime ]; then echo copy; else echo none; fi"), "readlink", "the time zone");
        List<String> lines = result.stdoutLines();
        String kind = lines.isEmpty() ? "" : lines.get(0).strip();
        return switch (kind) {
            case "link" -> new Reading(zoneOf(lines.get(1).strip()), "readlink /etc/localtime");
            case "file" -> new Reading(lines.get(1).strip(), "/etc/timezone");
            case "none" -> new Reading("UTC", "no /etc/localtime, so UTC");
            case "copy" -> throw HostTools.missing(host, "the time zone", "/etc/localtime is a copy of a zone file, not a"
                    + " link to one, and there is no /etc/timezone: its name cannot be read");
            default -> throw HostTools.failed(host, "the time zone", result);
        };
    }

    /** {@code /usr/share/zoneinfo/Europe/Berlin} and {@code ../usr/share/zoneinfo/Europe/Berlin} name {@code Europe/Berlin}. */
    static String zoneOf(String link) {
        int at = link.indexOf("zoneinfo/");
        return at < 0 ? link : link.substring(at + "zoneinfo/".length());
    }

    /** Two names of one zone: equal, or both names of UTC. */
    public static boolean sameZone(String a, String b) {
        return a.equals(b) || UTC.contains(a) && UTC.contains(b);
    }

    /** Whether the clock is synchronized: systemd's own answer, else chrony's. */
    public static Reading timeSync(Host host) {
        CommandResult result = HostTools.run(host, Command.of("if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1;"
                + " then echo timedatectl; timedatectl show -p NTPSynchronized --value;"
                + " elif command -v chronyc >/dev/null 2>&1; then echo chronyc; chronyc tracking;"
                + " else echo 'neither systemd (timedatectl) nor chrony (chronyc) is there to ask' >&2; exit 127; fi"),
                "timedatectl or chronyc", "whether the clock is synchronized");
        List<String> lines = result.stdoutLines();
        if (!result.succeeded() || lines.isEmpty()) {
            throw HostTools.failed(host, "whether the clock is synchronized", result);
        }
        return lines.get(0).equals("timedatectl")
                ? new Reading(lines.size() > 1 && lines.get(1).strip().equals("yes") ? "synchronized" : "not synchronized",
                        "timedatectl show -p NTPSynchronized")
                : new Reading(chronyStatus(lines), "chronyc tracking");
    }

    /** chrony's {@code Leap status : Normal} means synchronized; {@code Not synchronised} means not. */
    static String chronyStatus(List<String> lines) {
        Optional<String> leap = lines.stream().filter(line -> line.startsWith("Leap status"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        return leap.filter(status -> !status.toLowerCase(Locale.ROOT).startsWith("not synchroni"))
                .map(status -> "synchronized").orElse("not synchronized (" + leap.orElse("no leap status") + ")");
    }

    /** The loaded modules, from {@code /proc/modules}; {@code -} and {@code _} are one character to the kernel. */
    public static List<String> kernelModules(Host host) {
        CommandResult result = host.run(Command.of("cat /proc/modules"));
        if (!result.succeeded()) {
            throw HostTools.missing(host, "kernel modules", "there is no /proc/modules to read (a kernel built without"
                    + " loadable modules, or a sandbox that hides them): " + HostTools.exited(result));
        }
        return result.stdoutLines().stream().map(line -> Columns.of(line)[0].replace('-', '_')).toList();
    }

    /** SELinux's mode: {@code enforcing}, {@code permissive}, or {@code disabled} when the kernel has no SELinux. */
    public static Reading selinux(Host host) {
        CommandResult result = HostTools.run(host, Command.of("if [ -r /sys/fs/selinux/enforce ]; then cat /sys/fs/selinux/enforce;"
                + " else echo disabled; fi"), "cat", "SELinux");
        String value = result.stdout().strip();
        return new Reading(value.equals("1") ? "enforcing" : value.equals("0") ? "permissive" : "disabled",
                "/sys/fs/selinux/enforce");
    }

    /** AppArmor: {@code enabled}, or {@code disabled} when the kernel has it off or not at all. */
    public static Reading apparmor(Host host) {
        CommandResult result = HostTools.run(host, Command.of("cat /sys/module/apparmor/parameters/enabled 2>/dev/null || echo N"),
                "cat", "AppArmor");
        return new Reading(result.stdout().strip().equals("Y") ? "enabled" : "disabled",
                "/sys/module/apparmor/parameters/enabled");
    }
}

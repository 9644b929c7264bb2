package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A systemd timer and the unit it starts, by {@code systemctl show}: whether the timer is loaded and
 * active, when it last fired and fires next, and how the last run of its unit ended. Times are asked
 * for as Unix seconds ({@code --timestamp=unix}, systemd 248 and later); older systemd (RHEL 8's
 * 239) prints them as {@code Wed 2026-12-02 03:00:01 UTC}, which is read too.
 */
public final class SystemdTimers {

    private static final String TIMER_PROPERTIES = "-p LoadState -p ActiveState -p Unit -p LastTriggerUSec"
            + " -p NextElapseUSecRealtime";
    private static final String UNIT_PROPERTIES = "-p LoadState -p ActiveState -p SubState -p Result -p ExecMainStatus"
            + " -p ExecMainExitTimestamp";
    private static final DateTimeFormatter SYSTEMD_TIME =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    /**
     * @param timer         the timer unit
     * @param loaded        whether systemd knows the timer ({@code LoadState=loaded})
     * @param activeState   the timer's {@code ActiveState}: {@code active} when it is scheduled
     * @param unit          the unit the timer starts
     * @param lastTrigger   when the timer last fired; empty when it never has
     * @param nextElapse    when it fires next; empty when it will not
     * @param result        the unit's {@code Result} of its last run: {@code success}, {@code exit-code}, ...
     * @param exitStatus    the unit's {@code ExecMainStatus}
     * @param lastExit      when the unit's main process last exited
     * @param unitState     the unit's {@code ActiveState (SubState)}, e.g. {@code inactive (dead)}
     * @param hostNow       the host's clock when it answered, so ages compare two readings of one clock
     * @param source        the commands this came from
     */
    public record Timer(String timer, boolean loaded, String activeState, String unit, Optional<Instant> lastTrigger,
                        Optional<Instant> nextElapse, String result, String exitStatus, Optional<Instant> lastExit,
                        String unitState, Instant hostNow, String source) {

        public boolean lastRunSucceeded() {
            return result.equals("success") && (exitStatus.isEmpty() || exitStatus.equals("0"));
        }

        /** {@code Result=exit-code, exit status 3} for messages. */
        public String lastResult() {
            return "Result=" + result + (exitStatus.isEmpty() || exitStatus.equals("0") ? "" : ", exit status " + exitStatus);
        }
    }

    private SystemdTimers() {
    }

    public static Timer read(Host host, String timer) {
        ServiceFacts.requireServiceName(timer);
        String purpose = "timer " + timer;
        ServiceFacts.Manager manager = ServiceFacts.manager(host);
        if (!manager.name().equals("systemd")) {
            throw HostTools.missing(host, purpose, "systemd is not running here (service manager: " + manager.name()
                    + manager.note() + "); timers are systemd's");
        }
        Shown shownTimer = show(host, TIMER_PROPERTIES, timer, purpose);
        Map<String, String> t = shownTimer.properties();
        String unit = t.getOrDefault("Unit", "");
        if (!t.getOrDefault("LoadState", "").equals("loaded") || unit.isEmpty()) {
            return new Timer(timer, false, t.getOrDefault("ActiveState", "inactive"), unit, Optional.empty(),
                    Optional.empty(), "", "", Optional.empty(), "", shownTimer.hostNow(), shownTimer.source());
        }
        Shown shownUnit = show(host, UNIT_PROPERTIES, unit, purpose);
        Map<String, String> u = shownUnit.properties();
        Function<String, Optional<Instant>> time = key -> timestamp(host, purpose, t.containsKey(key) ? t.get(key) : u.get(key));
        String sub = u.getOrDefault("SubState", "");
        return new Timer(timer, true, t.getOrDefault("ActiveState", ""), unit, time.apply("LastTriggerUSec"),
                time.apply("NextElapseUSecRealtime"), u.getOrDefault("Result", ""), u.getOrDefault("ExecMainStatus", ""),
                time.apply("ExecMainExitTimestamp"),
                u.getOrDefault("ActiveState", "") + (sub.isEmpty() ? "" : " (" + sub + ")"), shownTimer.hostNow(),
                shownTimer.source() + "; " + shownUnit.source());
    }

    private record Shown(Map<String, String> properties, Instant hostNow, String source) {
    }

    /** The host's clock first ({@code date +%s}), then the unit's properties. */
    private static Shown show(Host host, String properties, String unit, String purpose) {
        CommandResult result = HostTools.run(host,
                Command.of("date +%s && systemctl show --timestamp=unix " + properties + " -- {0}", unit), "systemctl", purpose);
        if (!result.succeeded() && result.stderr().contains("timestamp")) {
            result = HostTools.run(host, Command.of("date +%s && systemctl show " + properties + " -- {0}", unit),
                    "systemctl", purpose);
        }
        List<String> lines = result.stdoutLines();
        Map<String, String> shown = SystemdServices.parseShow(lines);
        if (!result.succeeded() || !shown.containsKey("LoadState") || !lines.get(0).strip().matches("\\d+")) {
            throw HostTools.failed(host, purpose, result);
        }
        return new Shown(shown, Instant.ofEpochSecond(Long.parseLong(lines.get(0).strip())), "systemctl show " + unit);
    }

    private static Optional<Instant> timestamp(Host host, String purpose, String value) {
        try {
            return parseTimestamp(value);
        } catch (DateTimeParseException e) {
            throw HostTools.missing(host, purpose, "systemctl printed a time that cannot be read: '" + value + "'");
        }
    }

    /** {@code @1764644401}, {@code Wed 2026-12-02 03:00:01 UTC}, or nothing ({@code n/a}, empty, {@code 0}). */
    static Optional<Instant> parseTimestamp(String value) {
        if (value == null || value.isBlank() || value.equals("n/a") || value.equals("0") || value.equals("@0")) {
            return Optional.empty();
        }
        if (value.startsWith("@")) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.substring(1))));
            } catch (NumberFormatException e) {
                throw new DateTimeParseException("not a number of seconds", value, 1);
            }
        }
        return Optional.of(ZonedDateTime.parse(value, SYSTEMD_TIME).toInstant());
    }
}

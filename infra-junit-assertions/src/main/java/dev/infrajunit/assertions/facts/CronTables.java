package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every cron entry on a host, read from the files cron reads: {@code /etc/crontab} and
 * {@code /etc/cron.d/*} (with a user column), the users' crontabs ({@code /var/spool/cron/crontabs}
 * on Debian and Ubuntu, {@code /var/spool/cron} on the RHEL family, {@code /etc/crontabs} on
 * Alpine; named after their user), and the scripts of {@code /etc/cron.hourly}, {@code .daily},
 * {@code .weekly} and {@code .monthly}. The users' crontabs are readable by root only: the command
 * runs with {@code sudo -n} on hosts that allow it, and a place it could not read is remembered.
 */
public final class CronTables {

    public static final String FACT = "infra-junit.cron";

    private static final Command READ = Command.of(
            "for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/* /etc/crontabs/*; do"
                    + " if [ -f \"$f\" ]; then if [ -r \"$f\" ]; then printf '==> %s\\n' \"$f\"; cat -- \"$f\"; echo;"
                    + " else printf '==! %s\\n' \"$f\"; fi; fi; done;"
                    + " for d in /var/spool/cron/crontabs /var/spool/cron /etc/crontabs /etc/cron.d; do"
                    + " if [ -d \"$d\" ] && ! [ -r \"$d\" -a -x \"$d\" ]; then printf '==! %s\\n' \"$d\"; fi; done;"
                    + " for p in hourly daily weekly monthly; do for f in /etc/cron.$p/*; do"
                    + " if [ -f \"$f\" ]; then printf '==@ %s %s\\n' \"$p\" \"$f\"; fi; done; done").privileged();
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*=.*");

    /**
     * @param schedule the five time fields as written, whitespace collapsed, or a nickname such as {@code @daily}
     * @param user     who it runs as
     * @param command  the command line
     * @param where    {@code /etc/cron.d/pg-backup:3}
     */
    public record CronEntry(String schedule, String user, String command, String where) {
    }

    /** @param unreadable files and directories the login could not read: they may hold more entries */
    public record CronTable(List<CronEntry> entries, List<String> unreadable) {

        public List<CronEntry> running(String commandText) {
            return entries.stream().filter(e -> e.command().contains(commandText)).toList();
        }
    }

    private CronTables() {
    }

    public static CronTable of(Host host) {
        return host.fact(FACT, () -> {
            CommandResult result = host.run(READ);
            if (!result.succeeded()) {
                throw HostTools.failed(host, "cron jobs", result);
            }
            return parse(result.stdoutLines());
        });
    }

    public static String source() {
        return "/etc/crontab, /etc/cron.d, /etc/cron.{hourly,daily,weekly,monthly} and the users' crontabs";
    }

    static CronTable parse(List<String> lines) {
        List<CronEntry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        String file = null;
        int line = 0;
        for (String raw : lines) {
            if (raw.startsWith("==> ")) {
                file = raw.substring(4);
                line = 0;
                continue;
            }
            if (raw.startsWith("==! ")) {
                unreadable.add(raw.substring(4));
                continue;
            }
            if (raw.startsWith("==@ ")) {
                String[] periodAndPath = raw.substring(4).split(" ", 2);
                entries.add(new CronEntry("@" + periodAndPath[0], "root", periodAndPath[1], periodAndPath[1]));
                continue;
            }
            line++;
            String text = raw.strip();
            if (file == null || text.isEmpty() || text.startsWith("#") || VARIABLE.matcher(text).matches()) {
                continue;
            }
            boolean system = file.equals("/etc/crontab") || file.startsWith("/etc/cron.d/");
            String owner = file.substring(file.lastIndexOf('/') + 1);
            entry(text, system, owner, file + ":" + line).ifPresent(entries::add);
        }
        return new CronTable(List.copyOf(entries), List.copyOf(unreadable));
    }

    private static Optional<CronEntry> entry(String text, boolean system, String owner, String where) {
        int timeFields = text.startsWith("@") ? 1 : 5;
        String[] fields = text.split("\\s+", timeFields + (system ? 2 : 1));
        if (fields.length < timeFields + (system ? 2 : 1)) {
            return Optional.empty(); // not an entry cron would run either
        }
        String schedule = String.join(" ", List.of(fields).subList(0, timeFields));
        String user = system ? fields[timeFields] : owner;
        return Optional.of(new CronEntry(schedule, user, fields[fields.length - 1], where));
    }
}

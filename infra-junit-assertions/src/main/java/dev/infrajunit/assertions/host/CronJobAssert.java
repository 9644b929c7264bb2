package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.CronTables;
import dev.infrajunit.assertions.facts.CronTables.CronEntry;
import dev.infrajunit.assertions.facts.CronTables.CronTable;
import dev.infrajunit.assertions.facts.HostTools;
import dev.infrajunit.assertions.host.Subjects.HostCronJob;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cron entries whose command contains a text:
 * {@code assertThat(host).cronJob("pg_dump").exists().hasSchedule("0 3 * * *").runsAs("postgres")}.
 * Cron keeps no record of its runs that a check could read everywhere; to check that the job ran,
 * check what it leaves behind ({@code hasRecentBackup}, {@code file(...).isNewerThan(...)}) or run it
 * from a systemd timer ({@link TimerAssert#hasRunWithin}).
 */
public class CronJobAssert extends HostSubjectAssert<CronJobAssert, HostCronJob> {

    public CronJobAssert(HostCronJob job) {
        super(job, CronJobAssert.class);
    }

    public CronJobAssert exists() {
        found();
        return this;
    }

    /** Some entry runs on this schedule: five time fields ({@code 0 3 * * *}) or a nickname ({@code @daily}). */
    public CronJobAssert hasSchedule(String schedule) {
        return has("schedule", schedule.strip().replaceAll("\\s+", " "), CronEntry::schedule);
    }

    /** Some entry runs as this user. */
    public CronJobAssert runsAs(String user) {
        return has("user", user, CronEntry::user);
    }

    private CronJobAssert has(String attribute, String expected, Function<CronEntry, String> value) {
        List<CronEntry> entries = found();
        if (entries.stream().noneMatch(e -> value.apply(e).equals(expected))) {
            String actualValues = entries.stream().map(value).distinct().collect(Collectors.joining(", "));
            throw fail(shouldHave(hostName(), subject(), attribute, expected, actualValues, where(entries)));
        }
        return this;
    }

    private List<CronEntry> found() {
        CronTable table = CronTables.of(host());
        List<CronEntry> entries = table.running(actual.command());
        if (entries.isEmpty() && !table.unreadable().isEmpty()) {
            throw HostTools.missing(host(), subject(), "no crontab it could read has it, and "
                    + String.join(", ", table.unreadable()) + " could not be read; give the check root"
                    + " (sudo: true for the host) to read every crontab");
        }
        if (entries.isEmpty()) {
            throw fail(shouldExist(hostName(), subject(), "no crontab has one", CronTables.source()));
        }
        return entries;
    }

    private static String where(List<CronEntry> entries) {
        return entries.stream().map(CronEntry::where).collect(Collectors.joining(", "));
    }
}

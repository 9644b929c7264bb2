package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldHaveRun.shouldHaveRunWithin;
import static dev.infrajunit.assertions.error.ShouldHaveRun.shouldHaveSucceeded;

import dev.infrajunit.Durations;
import dev.infrajunit.assertions.facts.SystemdTimers;
import dev.infrajunit.assertions.facts.SystemdTimers.Timer;
import dev.infrajunit.assertions.host.Subjects.HostTimer;
import java.time.Duration;
import java.time.Instant;

/**
 * A systemd timer and the job it starts, such as the one that makes the backups:
 * {@code assertThat(host).systemdTimer("pg-backup.timer").isScheduled().hasRunWithin(Duration.ofHours(24)).lastRunSucceeded()}.
 * Ages are measured on the host's clock. systemd is read once per chain.
 */
public class TimerAssert extends HostSubjectAssert<TimerAssert, HostTimer> {

    private Timer timer;

    public TimerAssert(HostTimer timer) {
        super(timer, TimerAssert.class);
    }

    /** The timer is loaded and active: systemd will fire it. */
    public TimerAssert isScheduled() {
        Timer t = loaded("scheduled");
        if (!t.activeState().equals("active")) {
            throw fail(shouldBe(hostName(), subject(), "scheduled", "it is " + t.activeState() + " (ActiveState)", t.source()));
        }
        return this;
    }

    /** The timer fired within this time before now. */
    public TimerAssert hasRunWithin(Duration maxAge) {
        Timer t = loaded("run within " + Durations.limit(maxAge));
        String limit = Durations.limit(maxAge);
        if (t.lastTrigger().isEmpty()) {
            throw fail(shouldHaveRunWithin(hostName(), subject(), limit, "it has never run", t.source()));
        }
        Instant last = t.lastTrigger().get();
        Duration age = Duration.between(last, t.hostNow());
        if (age.compareTo(maxAge) > 0) {
            throw fail(shouldHaveRunWithin(hostName(), subject(), limit, "it last ran " + Durations.format(age) + " ago, at "
                    + last, t.source()));
        }
        return this;
    }

    /** The last run of the timer's unit ended well ({@code Result=success}, exit status 0). */
    public TimerAssert lastRunSucceeded() {
        Timer t = loaded("run");
        if (t.lastTrigger().isEmpty() && t.lastExit().isEmpty()) {
            throw fail(shouldHaveSucceeded(hostName(), run(t), "it has never run", t.source()));
        }
        if (!t.lastRunSucceeded()) {
            throw fail(shouldHaveSucceeded(hostName(), run(t), "it ended with " + t.lastResult()
                    + t.lastExit().map(at -> " at " + at).orElse(""), t.source()));
        }
        return this;
    }

    private Timer loaded(String state) {
        Timer t = timer();
        if (!t.loaded()) {
            throw fail(shouldBe(hostName(), subject(), state, "systemd has no such timer (LoadState is not loaded)", t.source()));
        }
        return t;
    }

    private String run(Timer t) {
        return t.unit() + " (started by " + subject() + ")";
    }

    private Timer timer() {
        if (timer == null) {
            timer = SystemdTimers.read(host(), actual.name());
        }
        return timer;
    }
}

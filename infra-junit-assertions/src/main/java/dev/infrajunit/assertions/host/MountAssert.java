package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.Mounts;
import dev.infrajunit.assertions.facts.Mounts.MountEntry;
import dev.infrajunit.assertions.host.Subjects.HostMount;

/** Assertions about a mount point: {@code assertThat(host).mount("/data").hasType("xfs").hasOptions("noexec").hasUsageBelow(80)}. */
public class MountAssert extends HostSubjectAssert<MountAssert, HostMount> {

    public MountAssert(HostMount mount) {
        super(mount, MountAssert.class);
    }

    /** A file system is mounted exactly at this path. */
    public MountAssert exists() {
        mounted();
        return this;
    }

    public MountAssert hasType(String type) {
        MountEntry entry = mounted();
        if (!entry.type().equals(type)) {
            throw fail(shouldHave(hostName(), subject(), "type", type, entry.type(), Mounts.SOURCE));
        }
        return this;
    }

    /** Each of these options is in effect: {@code hasOptions("nosuid", "nodev")}. */
    public MountAssert hasOptions(String... options) {
        MountEntry entry = mounted();
        for (String option : options) {
            if (!entry.options().contains(option)) {
                throw fail(shouldHave(hostName(), subject(), "option", option, "only " + String.join(",", entry.options()),
                        Mounts.SOURCE));
            }
        }
        return this;
    }

    /** Used space, as {@code df} reports it, is below this percentage. */
    public MountAssert hasUsageBelow(int percent) {
        // One df answers both questions: df names the mount that holds the path, and its usage.
        Mounts.DiskUsage usage = Mounts.usage(host(), actual.mountPoint());
        if (!usage.mountedOn().equals(Mounts.normalized(actual.mountPoint()))) {
            throw fail(shouldExist(hostName(), subject(), "it is a directory on " + usage.mountedOn(),
                    Mounts.usageSource(actual.mountPoint())));
        }
        int used = usage.percent();
        if (used >= percent) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have usage below " + percent + "%",
                    "it is " + used + "% full", Mounts.usageSource(actual.mountPoint())));
        }
        return this;
    }

    private MountEntry mounted() {
        return Mounts.at(host(), actual.mountPoint()).orElseThrow(() -> fail(shouldExist(hostName(), subject(), Mounts.SOURCE)));
    }
}

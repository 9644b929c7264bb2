package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;
import static dev.infrajunit.assertions.error.ShouldNotExist.shouldNotExist;

import dev.infrajunit.assertions.facts.Accounts;
import dev.infrajunit.assertions.facts.Accounts.GroupEntry;
import dev.infrajunit.assertions.host.Subjects.HostGroup;
import java.util.Optional;

/** Assertions about a group: {@code assertThat(host).group("docker").exists().hasMember("deploy")}. */
public class GroupAssert extends HostSubjectAssert<GroupAssert, HostGroup> {

    private Optional<GroupEntry> entry;

    public GroupAssert(HostGroup group) {
        super(group, GroupAssert.class);
    }

    public GroupAssert exists() {
        existing();
        return this;
    }

    public GroupAssert doesNotExist() {
        entry().ifPresent(found -> {
            throw fail(shouldNotExist(hostName(), subject(), "it does, with gid " + found.gid(), source()));
        });
        return this;
    }

    public GroupAssert hasGid(long gid) {
        GroupEntry found = existing();
        if (found.gid() != gid) {
            throw fail(shouldHave(hostName(), subject(), "gid", gid, found.gid(), source()));
        }
        return this;
    }

    /** The user is in the group, listed as a member or having it as primary group. */
    public GroupAssert hasMember(String user) {
        existing();
        if (Accounts.user(host(), user).isEmpty()) {
            throw fail(shouldExist(hostName(), "user " + user, Accounts.userSource(user)));
        }
        if (!Accounts.groupsOf(host(), user).contains(actual.name())) {
            throw fail(shouldBe(hostName(), "user " + user, "in " + subject(), "it is not", "id -Gn " + user));
        }
        return this;
    }

    private GroupEntry existing() {
        return entry().orElseThrow(() -> fail(shouldExist(hostName(), subject(), source())));
    }

    private Optional<GroupEntry> entry() {
        if (entry == null) {
            entry = Accounts.group(host(), actual.name());
        }
        return entry;
    }

    private String source() {
        return Accounts.groupSource(actual.name());
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;
import static dev.infrajunit.assertions.error.ShouldNotExist.shouldNotExist;

import dev.infrajunit.assertions.facts.Accounts;
import dev.infrajunit.assertions.facts.Accounts.UserEntry;
import dev.infrajunit.assertions.host.Subjects.HostUser;
import java.util.List;
import java.util.Optional;

/** Assertions about a user account: {@code assertThat(host).user("postgres").exists().hasShell("/usr/sbin/nologin")}. */
public class UserAssert extends HostSubjectAssert<UserAssert, HostUser> {

    private Optional<UserEntry> entry;

    public UserAssert(HostUser user) {
        super(user, UserAssert.class);
    }

    public UserAssert exists() {
        existing();
        return this;
    }

    public UserAssert doesNotExist() {
        entry().ifPresent(found -> {
            throw fail(shouldNotExist(hostName(), subject(), "it does, with uid " + found.uid(), source()));
        });
        return this;
    }

    public UserAssert hasUid(long uid) {
        UserEntry found = existing();
        if (found.uid() != uid) {
            throw fail(shouldHave(hostName(), subject(), "uid", uid, found.uid(), source()));
        }
        return this;
    }

    public UserAssert hasShell(String shell) {
        UserEntry found = existing();
        if (!found.shell().equals(shell)) {
            throw fail(shouldHave(hostName(), subject(), "shell", shell, found.shell(), source()));
        }
        return this;
    }

    public UserAssert hasHome(String home) {
        UserEntry found = existing();
        if (!found.home().equals(home)) {
            throw fail(shouldHave(hostName(), subject(), "home", home, found.home(), source()));
        }
        return this;
    }

    /** Is a member of each of these groups, as primary or supplementary group. */
    public UserAssert belongsToGroups(String... groups) {
        existing();
        List<String> memberOf = Accounts.groupsOf(host(), actual.name());
        for (String group : groups) {
            if (!memberOf.contains(group)) {
                throw fail(shouldBe(hostName(), subject(), "in group " + group, "it is in " + String.join(", ", memberOf),
                        "id -Gn " + actual.name()));
            }
        }
        return this;
    }

    private UserEntry existing() {
        return entry().orElseThrow(() -> fail(shouldExist(hostName(), subject(), source())));
    }

    private Optional<UserEntry> entry() {
        if (entry == null) {
            entry = Accounts.user(host(), actual.name());
        }
        return entry;
    }

    private String source() {
        return Accounts.userSource(actual.name());
    }
}

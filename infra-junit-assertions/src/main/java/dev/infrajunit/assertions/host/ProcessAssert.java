package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldBe.shouldNotBe;
import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.Accounts;
import dev.infrajunit.assertions.facts.Processes;
import dev.infrajunit.assertions.facts.Processes.ProcessEntry;
import dev.infrajunit.assertions.host.Subjects.HostProcess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Assertions about the processes of one name (the kernel's name, as {@code ps -o comm} shows it;
 * names longer than 15 characters match their first 15): {@code assertThat(host).process("nginx").isRunning().runsAs("www-data")}.
 */
public class ProcessAssert extends HostSubjectAssert<ProcessAssert, HostProcess> {

    private List<ProcessEntry> matching;

    public ProcessAssert(HostProcess process) {
        super(process, ProcessAssert.class);
    }

    public ProcessAssert isRunning() {
        running();
        return this;
    }

    public ProcessAssert isNotRunning() {
        List<ProcessEntry> found = matching();
        if (!found.isEmpty()) {
            throw fail(shouldNotBe(hostName(), subject(), "running", count(found) + " running: " + pids(found), Processes.SOURCE));
        }
        return this;
    }

    /** Exactly this many processes of the name run. */
    public ProcessAssert hasCount(int expected) {
        List<ProcessEntry> found = matching();
        if (found.size() != expected) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to run as exactly " + expected + " process" + plural(expected),
                    found.isEmpty() ? "none runs" : count(found) + " running: " + pids(found), Processes.SOURCE));
        }
        return this;
    }

    public ProcessAssert hasCountAtLeast(int minimum) {
        List<ProcessEntry> found = matching();
        if (found.size() < minimum) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to run as at least " + minimum + " process" + plural(minimum),
                    found.isEmpty() ? "none runs" : count(found) + " running: " + pids(found), Processes.SOURCE));
        }
        return this;
    }

    /** Every process of the name runs as this user (by name, or by uid when given as digits). */
    public ProcessAssert runsAs(String user) {
        List<ProcessEntry> found = running();
        Map<Long, String> names = Accounts.userNamesByUid(host());
        List<ProcessEntry> others = found.stream()
                .filter(p -> !(user.equals(names.get(p.uid())) || user.equals(Long.toString(p.uid())))).toList();
        if (!others.isEmpty()) {
            String owners = others.stream().map(p -> names.getOrDefault(p.uid(), "uid " + p.uid()) + " (pid " + p.pid() + ")")
                    .collect(Collectors.joining(", "));
            throw fail(shouldHave(hostName(), subject(), "user", user, owners, Processes.SOURCE));
        }
        return this;
    }

    /** Every process of the name has this environment variable with this value ({@code /proc/PID/environ}). */
    public ProcessAssert hasEnvironmentVariable(String variable, String value) {
        for (ProcessEntry process : running()) {
            Optional<Map<String, String>> environment = Processes.environment(host(), process.pid());
            if (environment.isEmpty()) {
                continue; // it ended while the check looked
            }
            String found = environment.get().get(variable);
            if (!value.equals(found)) {
                throw fail(shouldHave(hostName(), subject(), "environment variable", variable + "=" + value,
                        found == null ? "no " + variable + " in pid " + process.pid() : variable + "=" + found + " in pid "
                                + process.pid(), "/proc/" + process.pid() + "/environ"));
            }
        }
        return this;
    }

    private List<ProcessEntry> running() {
        List<ProcessEntry> found = matching();
        if (found.isEmpty()) {
            throw fail(shouldBe(hostName(), subject(), "running", "no process has that name", Processes.SOURCE));
        }
        return found;
    }

    private List<ProcessEntry> matching() {
        if (matching == null) {
            matching = Processes.list(host()).stream().filter(p -> Processes.nameMatches(p.name(), actual.name())).toList();
        }
        return matching;
    }

    private static String count(List<ProcessEntry> found) {
        return found.size() + (found.size() == 1 ? " is" : " are");
    }

    private static String plural(int n) {
        return n == 1 ? "" : "es";
    }

    private static String pids(List<ProcessEntry> found) {
        return "pid" + (found.size() == 1 ? " " : "s ")
                + found.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
    }
}

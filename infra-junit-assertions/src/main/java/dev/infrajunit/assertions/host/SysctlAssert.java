package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.Sysctl;
import dev.infrajunit.assertions.host.Subjects.HostSysctl;

/** Assertions about a kernel parameter: {@code assertThat(host).sysctl("net.ipv4.ip_forward").hasValue("0")}. */
public class SysctlAssert extends HostSubjectAssert<SysctlAssert, HostSysctl> {

    public SysctlAssert(HostSysctl sysctl) {
        super(sysctl, SysctlAssert.class);
    }

    /** The value, whitespace-insensitive: {@code "4096 131072 6291456"} matches the tab-separated original. */
    public SysctlAssert hasValue(String expected) {
        String source = Sysctl.source(actual.key());
        String value = Sysctl.value(host(), actual.key()).orElseThrow(() -> fail(shouldExist(hostName(), subject(), source)));
        if (!value.equals(Sysctl.collapse(expected))) {
            throw fail(shouldHave(hostName(), subject(), "value", Sysctl.collapse(expected), value, source));
        }
        return this;
    }

    public SysctlAssert hasValue(long expected) {
        return hasValue(Long.toString(expected));
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.SystemSettings;
import dev.infrajunit.assertions.facts.SystemSettings.Reading;
import dev.infrajunit.assertions.host.Subjects.HostSystemSettings;
import java.util.List;

/**
 * Operating-system settings a baseline asks for:
 * {@code assertThat(host).system().hasTimeZone("UTC").hasSynchronizedClock().hasKernelModule("nf_tables")
 * .hasSelinux("enforcing")}.
 */
public class SystemSettingsAssert extends HostSubjectAssert<SystemSettingsAssert, HostSystemSettings> {

    public SystemSettingsAssert(HostSystemSettings settings) {
        super(settings, SystemSettingsAssert.class);
    }

    /** The time zone, by name; every name of UTC ({@code UTC}, {@code Etc/UTC}, ...) counts as UTC. */
    public SystemSettingsAssert hasTimeZone(String zone) {
        Reading found = SystemSettings.timeZone(host());
        if (!SystemSettings.sameZone(found.value(), zone)) {
            throw fail(shouldHave(hostName(), "the time zone", "name", zone, found.value(), found.source()));
        }
        return this;
    }

    /** The clock is synchronized to a time source, as systemd or chrony says. */
    public SystemSettingsAssert hasSynchronizedClock() {
        Reading found = SystemSettings.timeSync(host());
        if (!found.value().equals("synchronized")) {
            throw fail(shouldBe(hostName(), "the clock", "synchronized", "it is " + found.value(), found.source()));
        }
        return this;
    }

    public SystemSettingsAssert hasKernelModule(String module) {
        List<String> loaded = SystemSettings.kernelModules(host());
        if (!loaded.contains(module.replace('-', '_'))) {
            throw fail(shouldBe(hostName(), "kernel module " + module, "loaded", "it is not", "/proc/modules"));
        }
        return this;
    }

    public SystemSettingsAssert doesNotHaveKernelModule(String module) {
        List<String> loaded = SystemSettings.kernelModules(host());
        if (loaded.contains(module.replace('-', '_'))) {
            throw fail(shouldBe(hostName(), "kernel module " + module, "not loaded", "it is loaded", "/proc/modules"));
        }
        return this;
    }

    /** SELinux's mode: {@code enforcing}, {@code permissive} or {@code disabled}. */
    public SystemSettingsAssert hasSelinux(String mode) {
        Reading found = SystemSettings.selinux(host());
        if (!found.value().equals(mode)) {
            throw fail(shouldHave(hostName(), "SELinux", "mode", mode, found.value(), found.source()));
        }
        return this;
    }

    /** AppArmor: {@code enabled} or {@code disabled}. */
    public SystemSettingsAssert hasApparmor(String state) {
        Reading found = SystemSettings.apparmor(host());
        if (!found.value().equals(state)) {
            throw fail(shouldHave(hostName(), "AppArmor", "state", state, found.value(), found.source()));
        }
        return this;
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldBe.shouldNotBe;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.assertions.facts.ServiceFacts;
import dev.infrajunit.assertions.facts.ServiceFacts.ServiceState;
import dev.infrajunit.assertions.host.Subjects.HostService;

/**
 * Assertions about a service: {@code assertThat(host).service("ssh").isRunning().isEnabled()}. Asks
 * systemd where it runs, else OpenRC, else the SysV init script, else a pid file; a host with none
 * of them is reported as not checkable, never as "not running".
 */
public class ServiceAssert extends HostSubjectAssert<ServiceAssert, HostService> {

    private ServiceState state;

    public ServiceAssert(HostService service) {
        super(service, ServiceAssert.class);
    }

    public ServiceAssert isRunning() {
        ServiceState found = state();
        if (!found.running()) {
            throw fail(shouldBe(hostName(), subject(), "running", "it is " + found.state(), found.source()));
        }
        return this;
    }

    public ServiceAssert isNotRunning() {
        ServiceState found = state();
        if (found.running()) {
            throw fail(shouldNotBe(hostName(), subject(), "running", "it is " + found.state(), found.source()));
        }
        return this;
    }

    /** Starts at boot. */
    public ServiceAssert isEnabled() {
        ServiceState found = state();
        if (!enabled(found)) {
            throw fail(shouldBe(hostName(), subject(), "enabled", "it is " + found.enabledState(), found.enabledSource()));
        }
        return this;
    }

    /** Does not start at boot. */
    public ServiceAssert isNotEnabled() {
        ServiceState found = state();
        if (enabled(found)) {
            throw fail(shouldNotBe(hostName(), subject(), "enabled", "it is " + found.enabledState(), found.enabledSource()));
        }
        return this;
    }

    private boolean enabled(ServiceState found) {
        return found.enabled().orElseThrow(() -> new CouldNotCheckException(hostName(), "cannot tell whether "
                + subject() + " starts at boot: " + found.enabledState()));
    }

    private ServiceState state() {
        if (state == null) {
            state = ServiceFacts.state(host(), actual.name());
        }
        return state;
    }
}

package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.Kernel;
import dev.infrajunit.assertions.facts.VersionScheme;
import dev.infrajunit.assertions.host.Subjects.HostKernel;

/** Assertions about the running kernel ({@code uname}): {@code assertThat(host).kernel().hasReleaseAtLeast("6.1")}. */
public class KernelAssert extends HostSubjectAssert<KernelAssert, HostKernel> {

    public KernelAssert(HostKernel kernel) {
        super(kernel, KernelAssert.class);
    }

    /** The release ({@code uname -r}) is this one or newer, compared number by number: 6.10 is newer than 6.9. */
    public KernelAssert hasReleaseAtLeast(String minimum) {
        Kernel kernel = Kernel.of(host());
        if (VersionScheme.PLAIN.compare(kernel.release(), minimum) < 0) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have release at least " + minimum,
                    "it has " + kernel.release(), Kernel.SOURCE));
        }
        return this;
    }

    /** {@code uname -s}: {@code Linux}. */
    public KernelAssert hasName(String name) {
        Kernel kernel = Kernel.of(host());
        if (!kernel.name().equals(name)) {
            throw fail(shouldHave(hostName(), subject(), "name", name, kernel.name(), Kernel.SOURCE));
        }
        return this;
    }

    /** {@code uname -m}: {@code x86_64}, {@code aarch64}. */
    public KernelAssert hasArchitecture(String architecture) {
        Kernel kernel = Kernel.of(host());
        if (!kernel.architecture().equals(architecture)) {
            throw fail(shouldHave(hostName(), subject(), "architecture", architecture, kernel.architecture(), Kernel.SOURCE));
        }
        return this;
    }
}

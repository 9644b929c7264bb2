package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;
import static dev.infrajunit.assertions.error.ShouldBe.shouldNotBe;
import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.InstalledPackages;
import dev.infrajunit.assertions.facts.InstalledPackages.PackageEntry;
import dev.infrajunit.assertions.host.Subjects.HostPackage;

/**
 * Assertions about a package: {@code assertThat(host).pkg("openssh-server").isInstalled().hasVersionAtLeast("1:9.2")}.
 * The host's whole package list is read once per run and shared by every package check. Versions
 * compare by the host's package manager's rules (dpkg, rpm or apk), epochs and tildes included.
 */
public class PackageAssert extends HostSubjectAssert<PackageAssert, HostPackage> {

    public PackageAssert(HostPackage pkg) {
        super(pkg, PackageAssert.class);
    }

    public PackageAssert isInstalled() {
        installed();
        return this;
    }

    public PackageAssert isNotInstalled() {
        InstalledPackages packages = packages();
        packages.installed(actual.name()).ifPresent(found -> {
            throw fail(shouldNotBe(hostName(), subject(), "installed", "version " + found.version() + " is", packages.source()));
        });
        return this;
    }

    public PackageAssert hasVersion(String version) {
        PackageEntry found = installed();
        if (!found.version().equals(version)) {
            throw fail(shouldHave(hostName(), subject(), "version", version, found.version(), packages().source()));
        }
        return this;
    }

    /** The installed version is this one or newer, by the package manager's ordering. */
    public PackageAssert hasVersionAtLeast(String minimum) {
        PackageEntry found = installed();
        if (packages().scheme().compare(found.version(), minimum) < 0) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have version at least " + minimum,
                    "it has " + found.version(), packages().source()));
        }
        return this;
    }

    /** The installed version is older than this one, such as the first release that fixed a vulnerability. */
    public PackageAssert hasVersionBelow(String limit) {
        PackageEntry found = installed();
        if (packages().scheme().compare(found.version(), limit) >= 0) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have a version below " + limit,
                    "it has " + found.version(), packages().source()));
        }
        return this;
    }

    private PackageEntry installed() {
        InstalledPackages packages = packages();
        return packages.installed(actual.name()).orElseThrow(() -> fail(shouldBe(hostName(), subject(), "installed",
                "it is " + packages.listed(actual.name()).map(PackageEntry::statusDescription).orElse("not installed"),
                packages.source())));
    }

    private InstalledPackages packages() {
        return InstalledPackages.of(host());
    }
}

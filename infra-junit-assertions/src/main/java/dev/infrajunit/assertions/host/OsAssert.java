package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBeWithinLimit.shouldBeWithinLimit;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;

import dev.infrajunit.assertions.facts.OsRelease;
import dev.infrajunit.assertions.facts.VersionScheme;
import dev.infrajunit.assertions.host.Subjects.HostOs;

/** Assertions about the operating system ({@code /etc/os-release}): {@code assertThat(host).os().hasFamily("debian").hasReleaseAtLeast("12")}. */
public class OsAssert extends HostSubjectAssert<OsAssert, HostOs> {

    public OsAssert(HostOs os) {
        super(os, OsAssert.class);
    }

    /** The distribution is this one or derives from it ({@code ID} or {@code ID_LIKE}): Ubuntu is of the debian family. */
    public OsAssert hasFamily(String family) {
        OsRelease os = os();
        if (!os.family().contains(family)) {
            throw fail(shouldHave(hostName(), subject(), "family", family, String.join(" ", os.family()), OsRelease.SOURCE));
        }
        return this;
    }

    /** The distribution's {@code ID}: {@code debian}, {@code ubuntu}, {@code rocky}, {@code alpine}. */
    public OsAssert hasId(String id) {
        OsRelease os = os();
        if (!os.id().equals(id)) {
            throw fail(shouldHave(hostName(), subject(), "ID", id, os.id(), OsRelease.SOURCE));
        }
        return this;
    }

    /** {@code VERSION_ID}: {@code 12}, {@code 22.04}, {@code 3.19.1}. */
    public OsAssert hasRelease(String release) {
        String found = os().get("VERSION_ID");
        if (!found.equals(release)) {
            throw fail(shouldHave(hostName(), subject(), "release", release, found.isEmpty() ? "none" : found, OsRelease.SOURCE));
        }
        return this;
    }

    public OsAssert hasReleaseAtLeast(String minimum) {
        String found = os().get("VERSION_ID");
        if (found.isEmpty() || VersionScheme.PLAIN.compare(found, minimum) < 0) {
            throw fail(shouldBeWithinLimit(hostName(), subject(), "to have release at least " + minimum,
                    "it has " + (found.isEmpty() ? "none" : found), OsRelease.SOURCE));
        }
        return this;
    }

    /** {@code VERSION_CODENAME}: {@code bookworm}, {@code jammy}. */
    public OsAssert hasCodename(String codename) {
        String found = os().get("VERSION_CODENAME");
        if (!found.equals(codename)) {
            throw fail(shouldHave(hostName(), subject(), "codename", codename, found.isEmpty() ? "none" : found, OsRelease.SOURCE));
        }
        return this;
    }

    private OsRelease os() {
        return OsRelease.of(host());
    }
}

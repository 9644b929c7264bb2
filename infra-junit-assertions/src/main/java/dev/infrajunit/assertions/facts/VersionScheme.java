package dev.infrajunit.assertions.facts;

import java.util.Comparator;

/**
 * How a package manager orders versions. Each follows its tool's own rules, because a naive
 * comparison gets real upgrades wrong: in Debian {@code 1:1.0} is newer than {@code 9.9} (epoch) and
 * {@code 2.0~rc1} older than {@code 2.0} (tilde); in RPM {@code 1.0^git1} is newer than {@code 1.0}.
 */
public enum VersionScheme implements Comparator<String> {

    /** dpkg's rules ({@code dpkg --compare-versions}). */
    DEBIAN {
        @Override
        public int compare(String a, String b) {
            return DebianVersion.compare(a, b);
        }
    },
    /** rpm's rules (rpmvercmp on epoch, version and release). */
    RPM {
        @Override
        public int compare(String a, String b) {
            return RpmVersion.compare(a, b);
        }
    },
    /** apk-tools' rules ({@code apk version -t}). */
    APK {
        @Override
        public int compare(String a, String b) {
            return ApkVersion.compare(a, b);
        }
    },
    /**
     * For versions that belong to no package manager (kernel releases, OS releases): numbers and
     * words in turn, numbers compared as numbers, so {@code 6.10} is newer than {@code 6.9}.
     */
    PLAIN {
        @Override
        public int compare(String a, String b) {
            return RpmVersion.segments(a.strip(), b.strip());
        }
    }
}

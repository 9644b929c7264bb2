package dev.infrajunit.assertions.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Orderings as the package managers themselves decide them (dpkg --compare-versions, rpmdev-vercmp, apk version -t). */
class VersionSchemeTest {

    @ParameterizedTest(name = "dpkg: {0} < {1}")
    @CsvSource({
            "1.0, 1.1",
            "1.9, 1.10",
            "9.9, 1:1.0",              // epoch wins over everything
            "1:9.2p1-2, 1:9.3p1-1",
            "1:9.2, 1:9.2p1-2",        // missing revision sorts first
            "2.0~rc1, 2.0",            // tilde sorts before the release
            "2.0~~, 2.0~",
            "2.0, 2.0a",
            "2.0a, 2.0+b1",            // letters before other symbols
            "1.0-1, 1.0-1+deb12u1",
            "1.0-9, 1.0-10",
            "1.21.22, 1.22.0",
            "0:1.0, 1.0.1",
    })
    void debian(String older, String newer) {
        assertThat(VersionScheme.DEBIAN.compare(older, newer)).isNegative();
        assertThat(VersionScheme.DEBIAN.compare(newer, older)).isPositive();
        assertThat(VersionScheme.DEBIAN.compare(older, older)).isZero();
    }

    @ParameterizedTest(name = "dpkg: {0} == {1}")
    @CsvSource({"1.0, 0:1.0", "1.01, 1.1", "1.0-0, 1.0-00"})
    void debianEqual(String a, String b) {
        assertThat(VersionScheme.DEBIAN.compare(a, b)).isZero();
    }

    @ParameterizedTest(name = "rpm: {0} < {1}")
    @CsvSource({
            "1.0, 1.1",
            "1.9, 1.10",
            "1.0~rc1, 1.0",
            "1.0, 1.0^git1",           // caret: after the release, before the next
            "1.0^git1, 1.0.1",
            "1.0a, 1.0.1",             // a number beats letters in the same place
            "2.el9, 10.el9",
            "8.7p1-34.el9, 8.7p1-38.el9",
            "9.9-1, 1:1.0-1",
            "1.0-1.el8, 1.0-1.el9",
    })
    void rpm(String older, String newer) {
        assertThat(VersionScheme.RPM.compare(older, newer)).isNegative();
        assertThat(VersionScheme.RPM.compare(newer, older)).isPositive();
    }

    @ParameterizedTest(name = "rpm: {0} == {1}")
    @CsvSource({"1.0, 1.0-5.el9", "1.0.0, 1.0..0", "0:2.3-1, 2.3-1", "1.05, 1.5"})
    void rpmEqual(String a, String b) {
        assertThat(VersionScheme.RPM.compare(a, b)).isZero();
    }

    @ParameterizedTest(name = "apk: {0} < {1}")
    @CsvSource({
            "1.2.3, 1.2.4",
            "1.9, 1.10",
            "1.2_rc1, 1.2",
            "1.2_alpha, 1.2_beta",
            "1.2_beta2, 1.2_pre1",
            "1.2_pre1, 1.2_rc1",
            "1.2, 1.2_p1",
            "1.2-r0, 1.2-r1",
            "1.2-r9, 1.2-r10",
            "1.2, 1.2a",
            "1.2a, 1.2b",
            "1.2, 1.2.1",
            "1.01, 1.1",
            "3.1.4-r5, 3.2.0-r0",
            "9.6_p1-r0, 9.7_p1-r0",
            // a pre-release after a zero part is still before the release
            "1.0_rc1, 1.0",
            "2.0_alpha, 2.0",
            "6.0_pre1, 6.0",
            "1.0_rc1-r3, 1.0-r0",
            // chained suffixes: one more pre-release suffix is older, one more post-release suffix newer
            "0.1.0_alpha_pre2, 0.1.0_alpha",
            "1.0_alpha, 1.0_alpha_p1",
            "1.0_beta_rc1, 1.0_beta",
            "1.0_rc1_p2, 1.0_rc2",
            "1.0_p1_rc1, 1.0_p1",
            "1.0, 1.0_p1_rc1",
            "1.0a, 1.0.1",
            "1.001, 1.01",
            "12345678901234567890.1, 12345678901234567891.0",
    })
    void apk(String older, String newer) {
        assertThat(VersionScheme.APK.compare(older, newer)).isNegative();
        assertThat(VersionScheme.APK.compare(newer, older)).isPositive();
        assertThat(VersionScheme.APK.compare(older, older)).isZero();
    }

    @ParameterizedTest(name = "apk: {0} == {1}")
    @CsvSource({"1.0, 1.0", "1.0-r0, 1.0-r00", "1.2_rc1, 1.2_rc01"})
    void apkEqual(String a, String b) {
        assertThat(VersionScheme.APK.compare(a, b)).isZero();
    }

    @ParameterizedTest(name = "{0}: an epoch beyond what the tool allows is named")
    @EnumSource(value = VersionScheme.class, names = {"DEBIAN", "RPM"})
    void anEpochTooLargeForAnyPackageManagerIsAClearError(VersionScheme scheme) {
        assertThatThrownBy(() -> scheme.compare("99999999999999999999:1.0", "1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare the version '99999999999999999999:1.0': its epoch 99999999999999999999 is larger than"
                        + " any package manager allows (" + Integer.MAX_VALUE + ")");
    }

    @ParameterizedTest(name = "plain: {0} < {1}")
    @CsvSource({"6.1, 6.18.44-fc-v669", "6.9, 6.10", "5.15.0-91-generic, 6.1.0-18-amd64", "11, 12", "22.04, 24.04", "3.19.1, 3.20.0"})
    void plain(String older, String newer) {
        assertThat(VersionScheme.PLAIN.compare(older, newer)).isNegative();
        assertThat(VersionScheme.PLAIN.compare(newer, older)).isPositive();
    }
}

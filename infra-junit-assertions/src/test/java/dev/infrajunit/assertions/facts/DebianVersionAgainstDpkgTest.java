package dev.infrajunit.assertions.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every ordered pair of these versions compared by this machine's real dpkg and by {@link VersionScheme#DEBIAN}. */
class DebianVersionAgainstDpkgTest {

    private static final List<String> VERSIONS = List.of("1.0", "1.0~rc1", "1.0~~", "1.0+b1", "1.0a", "1.0-1", "1.0-1~bpo1",
            "1.0-10", "1.0-9", "1:0.9", "2:0", "0:1.0", "1.01", "1.1", "1.10", "1.9", "9.2p1-2", "1:9.2p1-2", "3.0.19-1~deb12u2",
            "3.0.19-1", "3.0.19-1+deb12u1", "2.36-9+deb12u14", "2.36-9+deb12u9", "1.2.3.4", "1.2.3a", "1.2.3.a", "1.2.3-0ubuntu1");

    @Test
    void agreesWithDpkg() throws Exception {
        for (String a : VERSIONS) {
            for (String b : VERSIONS) {
                int ours = Integer.signum(VersionScheme.DEBIAN.compare(a, b));
                assertThat(ours).as("%s vs %s", a, b).isEqualTo(dpkg(a, b));
            }
        }
    }

    private static int dpkg(String a, String b) throws Exception {
        if (exit("dpkg", "--compare-versions", a, "lt", b) == 0) {
            return -1;
        }
        return exit("dpkg", "--compare-versions", a, "eq", b) == 0 ? 0 : 1;
    }

    private static int exit(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}

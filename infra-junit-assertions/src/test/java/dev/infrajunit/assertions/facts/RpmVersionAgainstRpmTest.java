package dev.infrajunit.assertions.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Generated version pairs compared by rpm's own {@code labelCompare} (Debian's {@code python3-rpm},
 * which scripts/test installs) and by {@link VersionScheme#RPM}: epochs, numbers with leading zeros,
 * letters, tilde, caret and separators in every mix.
 */
class RpmVersionAgainstRpmTest {

    private static final String[] PIECES = {"0", "1", "2", "9", "10", "01", "007", "a", "b", "rc", "el9", "git", "~", "^", ".",
            "_", "+", "p"};

    @Test
    void agreesWithRpmOnGeneratedPairs() throws Exception {
        Random random = new Random(12);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String version = part(random);
            String release = part(random);
            // often close to each other, where the rules matter
            String otherVersion = random.nextInt(3) == 0 ? version : random.nextBoolean() ? mutate(version, random) : part(random);
            String otherRelease = random.nextInt(3) == 0 ? release : mutate(release, random);
            pairs.add(new String[]{epoch(random), version, release, epoch(random), otherVersion, otherRelease});
        }
        List<Integer> rpm = labelCompare(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            String[] p = pairs.get(i);
            String a = p[0] + ":" + p[1] + "-" + p[2];
            String b = p[3] + ":" + p[4] + "-" + p[5];
            assertThat(Integer.signum(VersionScheme.RPM.compare(a, b))).as("%s vs %s", a, b).isEqualTo(rpm.get(i));
        }
    }

    private static String epoch(Random random) {
        return String.valueOf(random.nextInt(4) == 0 ? 1 : 0);
    }

    private static String part(Random random) {
        StringBuilder part = new StringBuilder();
        part.append(random.nextInt(12));
        int more = random.nextInt(5);
        for (int i = 0; i < more; i++) {
            part.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return part.toString();
    }

    private static String mutate(String part, Random random) {
        int at = random.nextInt(part.length() + 1);
        return part.substring(0, at) + PIECES[random.nextInt(PIECES.length)] + part.substring(at);
    }

    /** One python process compares every pair: one line of six fields in, one sign out. */
    private static List<Integer> labelCompare(List<String[]> pairs) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", """
                import sys, rpm
                for line in sys.stdin:
                    f = line.rstrip('\\n').split(' ')
                    print(rpm.labelCompare((f[0], f[1], f[2]), (f[3], f[4], f[5])))
                """).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = python.getOutputStream()) {
                for (String[] pair : pairs) {
                    in.write((String.join(" ", pair) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // python ended early: its exit status says why
            }
        });
        feeder.start();
        List<Integer> results = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(Integer::parseInt).toList();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        feeder.join();
        assertThat(python.exitValue()).as("python3 with rpm's bindings (Debian package python3-rpm)").isZero();
        assertThat(results).hasSize(pairs.size());
        return results;
    }
}

package dev.infrajunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.report.TakesAWhileSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The progress line, with its 10 s and 5 s shortened so that a run of about 1.2 s shows it. */
class ProgressListenerTest {

    @Test
    void aLongRunPrintsDoneTotalFailedCouldNotCheckAndElapsedAtItsInterval() {
        List<String> lines = run("true");

        assertThat(lines).isNotEmpty().allMatch(line -> line.matches(
                "infra-junit: [0-4]/4 checks done, [01] failed, [01] could not check, \\d+ s elapsed"));
        // the first line comes after 0.5 s, then one at most every 0.25 s: never more than the run allows
        assertThat(lines.size()).isBetween(1, 5);
    }

    @Test
    void oneKeyTurnsItOff() {
        assertThat(run("false")).isEmpty();
    }

    private static List<String> run(String enabled) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TakesAWhileSpec.class))
                .configurationParameter("infra.environment", "fleet")
                .configurationParameter("infra.parallel.enabled", "false")
                .configurationParameter("infra.report.enabled", "false")
                .configurationParameter("infra.progress.enabled", enabled)
                .build();
        LauncherFactory.create().execute(request, new ProgressListener(new PrintStream(out, true, StandardCharsets.UTF_8),
                Duration.ofMillis(500), Duration.ofMillis(250)));
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}

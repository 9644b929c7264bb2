package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus rules and example configuration, checked and unit-tested by Debian's promtool. */
class PrometheusRulesTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path SHIPPED = Path.of("prometheus");

    @Test
    void theRulesPassTheirPromtoolUnitTests() throws Exception {
        String output = promtool(Path.of("."), "test", "rules", "src/test/prometheus/infra-junit.rules.test.yml");
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void theRulesAndTheExampleConfigurationAreValid() throws Exception {
        assertThat(promtool(Path.of("."), "check", "rules", "prometheus/infra-junit.rules.yml")).contains("SUCCESS: 4 rules found");
        assertThat(promtool(SHIPPED, "check", "config", "prometheus.yml")).contains("SUCCESS: prometheus.yml is valid prometheus config file syntax");
    }

    @Test
    void theRulesNameOnlyMetricsTheMonitorExports() throws IOException {
        String rules = Files.readString(SHIPPED.resolve("infra-junit.rules.yml"));
        List<String> used = new ArrayList<>();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\binfra_[a-z_]+").matcher(rules);
        while (names.find()) {
            used.add(names.group());
        }
        String metrics = Files.readString(Path.of("src/main/java/dev/infrajunit/monitor/http/MonitorMetrics.java"));
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(metrics).contains("\"" + name + "\""));
    }

    private static String promtool(Path directory, String... arguments) throws Exception {
        assertThat(Files.isExecutable(PROMTOOL)).as("Debian's prometheus package has promtool (scripts/test installs it)").isTrue();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}

package dev.infrajunit.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InfraConfigurationTest {

    private static InfraConfiguration with(Map<String, String> values) {
        return new InfraConfiguration(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaults() {
        InfraConfiguration configuration = with(Map.of());
        assertThat(configuration.environment()).isEmpty();
        assertThat(configuration.parallelism()).isEqualTo(32);
        assertThat(configuration.parallelEnabled()).isTrue();
        assertThat(configuration.checkTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(configuration.reportEnabled()).isTrue();
        assertThat(configuration.progressEnabled()).isTrue();
        assertThat(configuration.commandBatchWindow()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aCommandBatchWindowOfZeroTurnsBatchingOff() {
        assertThat(with(Map.of("infra.commands.batchWindow", "0")).commandBatchWindow()).isZero();
        assertThat(with(Map.of("infra.commands.batchWindow", "20ms")).commandBatchWindow()).isEqualTo(Duration.ofMillis(20));
        assertThatThrownBy(() -> with(Map.of("infra.commands.batchWindow", "a bit")).commandBatchWindow())
                .hasMessageStartingWith("infra.commands.batchWindow: 'a bit' is not a duration");
    }

    /** Surefire tells the module's directory in the system property basedir; without it, the working directory counts. */
    @Test
    void theReportGoesUnderTargetOfTheModuleUnlessAnotherDirectoryIsGiven() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        assertThat(with(Map.of()).reportDirectory()).isEqualTo(Path.of(base, "target", "infra-junit-report"));
        assertThat(with(Map.of("infra.report.dir", "/srv/reports")).reportDirectory()).isEqualTo(Path.of("/srv/reports"));
        assertThat(with(Map.of("infra.report.enabled", "false", "infra.progress.enabled", "false")))
                .extracting(InfraConfiguration::reportEnabled, InfraConfiguration::progressEnabled).containsExactly(false, false);
    }

    @Test
    void valuesAreReadAndTrimmed() {
        InfraConfiguration configuration = with(Map.of("infra.environment", " staging ", "infra.parallelism", "8",
                "infra.parallel.enabled", "FALSE", "infra.check.timeout", "2m"));
        assertThat(configuration.environment()).contains("staging");
        assertThat(configuration.parallelism()).isEqualTo(8);
        assertThat(configuration.parallelEnabled()).isFalse();
        assertThat(configuration.checkTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void malformedValuesAreErrorsThatNameTheKey() {
        assertThatThrownBy(() -> with(Map.of("infra.parallel.enabled", "flase")).parallelEnabled())
                .hasMessage("infra.parallel.enabled=flase is neither true nor false");
        assertThatThrownBy(() -> with(Map.of("infra.report.enabled", "no")).reportEnabled())
                .hasMessage("infra.report.enabled=no is neither true nor false");
        assertThatThrownBy(() -> with(Map.of("infra.parallelism", "0")).parallelism())
                .hasMessage("infra.parallelism=0 is not a positive whole number");
        assertThatThrownBy(() -> with(Map.of("infra.check.timeout", "soon")).checkTimeout())
                .hasMessageStartingWith("infra.check.timeout: 'soon' is not a duration");
    }
}

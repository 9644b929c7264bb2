package dev.infrajunit.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThatThrownBy(() -> with(Map.of("infra.parallelism", "0")).parallelism())
                .hasMessage("infra.parallelism=0 is not a positive whole number");
        assertThatThrownBy(() -> with(Map.of("infra.check.timeout", "soon")).checkTimeout())
                .hasMessageStartingWith("infra.check.timeout: 'soon' is not a duration");
    }
}

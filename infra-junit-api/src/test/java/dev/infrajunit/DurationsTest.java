package dev.infrajunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "90m, PT1H30M",
            "24h, PT24H",
            "2d, PT48H",
            "1w, PT168H",
            "1h30m, PT1H30M",
            "1h 30m, PT1H30M",
            "' 45s ', PT45S",
            "0s, PT0S",
            "1d2h3m4s5ms, PT26H3M4.005S",
            "PT24H, PT24H",
            "pt90s, PT1M30S",
            "P2D, PT48H",
            "P1DT2H, PT26H"})
    void parsesOperatorAndIsoForms(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "30 seconds", "30S", "1.5h", "h", "-5s", "PT-5S", "P1Y", "24h ago",
            "99999999999999999999d", "9999999999999999w"})
    void rejectsAnythingElseShowingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write it like 30s, 90m, 24h, 2d, 1h30m, 500ms"
                        + " or ISO-8601 PT24H");
    }

    @Test
    void rejectsNothing() {
        assertThatThrownBy(() -> Durations.parse(null))
                .hasMessage("'null' is not a duration; write it like 30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H");
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0ms",
            "PT0.25S, 250ms",
            "PT1S, 1s",
            "PT1.5S, 1.5s",
            "PT59.99S, 59.9s",
            "PT45M10S, 45m 10s",
            "PT1M, 1m",
            "PT1H0M5S, 1h",
            "PT24H, 1d",
            "PT51H, 2d 3h",
            "PT49H30M, 2d 1h",
            "PT-90S, -1m 30s"})
    void formatsInTheTwoLargestUnits(Duration duration, String expected) {
        assertThat(Durations.format(duration)).isEqualTo(expected);
    }
}

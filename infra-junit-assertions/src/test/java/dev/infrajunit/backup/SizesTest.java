package dev.infrajunit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesDecimalAndBinaryUnits() {
        assertThat(Sizes.parse("512")).isEqualTo(512);
        assertThat(Sizes.parse("512B")).isEqualTo(512);
        assertThat(Sizes.parse("100KB")).isEqualTo(100_000);
        assertThat(Sizes.parse("1MB")).isEqualTo(1_000_000);
        assertThat(Sizes.parse("1.2 GB")).isEqualTo(1_200_000_000L);
        assertThat(Sizes.parse("2tb")).isEqualTo(2_000_000_000_000L);
        assertThat(Sizes.parse("10GiB")).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(Sizes.parse("1k")).isEqualTo(1000);
        assertThat(Sizes.parse(" 1.5 MiB ")).isEqualTo(1_572_864);
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThatThrownBy(() -> Sizes.parse("big"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'big' is not a size; write it like 512B, 100KB, 1MB, 1.2 GB or 10GiB");
        assertThatThrownBy(() -> Sizes.parse("-1MB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizes.parse("1 XB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsInDecimalUnitsWithOneDecimal() {
        assertThat(Sizes.format(0)).isEqualTo("0 B");
        assertThat(Sizes.format(512)).isEqualTo("512 B");
        assertThat(Sizes.format(1000)).isEqualTo("1 KB");
        assertThat(Sizes.format(1_234_567)).isEqualTo("1.2 MB");
        assertThat(Sizes.format(1_200_000_000L)).isEqualTo("1.2 GB");
        assertThat(Sizes.format(999_960)).isEqualTo("1 MB");
        assertThat(Sizes.format(3_000_000_000_000L)).isEqualTo("3 TB");
    }

    @Test
    void formatReadsBackToAboutTheSameSize() {
        assertThat(Sizes.parse(Sizes.format(1_234_567_890L))).isEqualTo(1_200_000_000L);
    }
}

package dev.infrajunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void quotesEachArgumentAsOneWord() {
        assertThat(Command.of("stat -c %s -- {0} {1}", "/etc/passwd", "it's here").line())
                .isEqualTo("stat -c %s -- /etc/passwd 'it'\\''s here'");
    }

    /** No shell can carry a NUL: the command line would end there, dropping the rest silently. */
    @Test
    void refusesANulInAnArgumentSayingWhichOne() {
        assertThatThrownBy(() -> Command.of("test -f {0} && cat -- {1}", "/etc/hosts", "/etc/passwd\0.bak"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument {1} of the command 'test -f {0} && cat -- {1}' contains a NUL character (at index 11),"
                        + " which no command line can carry; a file name or word with NUL cannot exist on the host");
    }

    @Test
    void refusesANulInTheTemplate() {
        assertThatThrownBy(() -> Command.of("echo a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the command template 'echo a\\0b' contains a NUL character (at index 6), which no command line can carry");
    }
}

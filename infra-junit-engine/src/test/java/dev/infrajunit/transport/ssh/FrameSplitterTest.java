package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts of a framed stream come out the same however the stream is cut into pieces. */
class FrameSplitterTest {

    private static final String BOUNDARY = "infra-junit-0123456789abcdef0123456789abcdef";

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 45, 46, 47, 64, 4096})
    void partsAndFramesComeOutWhateverThePieces(int piece) {
        String stream = "first\n" + "\n" + BOUNDARY + " 0 0\n"
                + "no newline" + "\n" + BOUNDARY + " 1 3\n"
                + "\n" + BOUNDARY + " 2 0\n"
                + "\ninfra-junit-0123456789abcdef0123456789abcdeX 9 9\n\n\n" + BOUNDARY.substring(0, 20) + "\n" + BOUNDARY + " 3 1\n"
                + "unfinished\n" + BOUNDARY;
        List<String> parts = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        FrameSplitter splitter = new FrameSplitter(BOUNDARY, new FrameSplitter.Listener() {
            @Override
            public void output(byte[] bytes, int offset, int length) {
                current.write(bytes, offset, length);
            }

            @Override
            public void frame(String fields) {
                parts.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
                frames.add(fields);
            }
        });
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += piece) {
            byte[] copy = new byte[piece];
            int length = Math.min(piece, bytes.length - at);
            System.arraycopy(bytes, at, copy, 0, length);
            splitter.accept(copy, 0, length);
        }
        splitter.finish();

        assertThat(frames).containsExactly("0 0", "1 3", "2 0", "3 1");
        assertThat(parts).containsExactly("first\n", "no newline", "",
                "\ninfra-junit-0123456789abcdef0123456789abcdeX 9 9\n\n\n" + BOUNDARY.substring(0, 20));
        assertThat(current.toString(StandardCharsets.UTF_8)).isEqualTo("unfinished\n" + BOUNDARY);
    }
}

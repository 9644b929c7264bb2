package dev.infrajunit.transport.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits one output stream of a batch ({@link BatchScript}) into its commands' parts. After each
 * command the script prints a frame line: a newline, the batch's boundary, a space, then the
 * frame's fields and a newline. Bytes before a frame belong to the command the frame ends; the
 * newline that opens the frame was added by the script, so output without a trailing newline
 * keeps its shape. Works on bytes, so binary output passes through unchanged, and on pieces of
 * any size: a frame may arrive split across reads.
 */
final class FrameSplitter {

    /** What the splitter finds, in stream order. */
    interface Listener {

        /** Output of the command whose frame has not come yet. */
        void output(byte[] bytes, int offset, int length);

        /** A frame: the fields after the boundary, without the newline. */
        void frame(String fields);
    }

    /** Longer than any frame the script prints: more means the stream is not what the script printed. */
    private static final int FRAME_FIELDS_LIMIT = 64;

    private final byte[] marker;
    private final Listener listener;
    private byte[] held = new byte[0];
    private boolean inFrame;
    private final ByteArrayOutputStream fields = new ByteArrayOutputStream();

    FrameSplitter(String boundary, Listener listener) {
        this.marker = ("\n" + boundary + " ").getBytes(StandardCharsets.US_ASCII);
        this.listener = listener;
    }

    void accept(byte[] bytes, int offset, int length) {
        byte[] data;
        if (held.length == 0) {
            data = bytes;
        } else {
            data = Arrays.copyOf(held, held.length + length);
            System.arraycopy(bytes, offset, data, held.length, length);
            offset = 0;
            length = data.length;
        }
        held = new byte[0];
        int end = offset + length;
        int at = offset;
        while (at < end) {
            if (inFrame) {
                int newline = indexOf(data, (byte) '\n', at, end);
                int upTo = newline < 0 ? end : newline;
                fields.write(data, at, Math.min(upTo - at, Math.max(0, FRAME_FIELDS_LIMIT - fields.size())));
                if (newline < 0) {
                    return;
                }
                inFrame = false;
                at = newline + 1;
                listener.frame(fields.toString(StandardCharsets.US_ASCII));
                fields.reset();
            } else {
                int found = find(data, at, end);
                if (found >= 0) {
                    listener.output(data, at, found - at);
                    at = found + marker.length;
                    inFrame = true;
                } else {
                    // the end may be the start of a frame that the next piece completes
                    int keep = Math.min(end - at, marker.length - 1);
                    listener.output(data, at, end - at - keep);
                    held = Arrays.copyOfRange(data, end - keep, end);
                    return;
                }
            }
        }
    }

    /** The stream ended: what was held back in case a frame began there is output after all. */
    void finish() {
        if (!inFrame && held.length > 0) {
            listener.output(held, 0, held.length);
        }
        held = new byte[0];
    }

    private int find(byte[] data, int from, int end) {
        for (int i = from; i + marker.length <= end; i++) {
            if (data[i] == marker[0] && matchesAt(data, i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matchesAt(byte[] data, int at) {
        for (int j = 1; j < marker.length; j++) {
            if (data[at + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte wanted, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

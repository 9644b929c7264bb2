package dev.infrajunit.transport.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
    /** The end of the last piece, which may be the start of a frame: at most the marker's length less one. */
    private final byte[] held;
    private int heldLength;
    private byte[] joined = new byte[0];
    private boolean inFrame;
    private final ByteArrayOutputStream fields = new ByteArrayOutputStream();

    FrameSplitter(String boundary, Listener listener) {
        this.marker = ("\n" + boundary + " ").getBytes(StandardCharsets.US_ASCII);
        this.listener = listener;
        this.held = new byte[marker.length - 1];
    }

    void accept(byte[] bytes, int offset, int length) {
        byte[] data;
        if (heldLength == 0) {
            data = bytes;
        } else {
            // the few bytes held back go in front of the new ones, in a buffer kept for it
            if (joined.length < heldLength + length) {
                joined = new byte[heldLength + length];
            }
            System.arraycopy(held, 0, joined, 0, heldLength);
            System.arraycopy(bytes, offset, joined, heldLength, length);
            data = joined;
            length += heldLength;
            offset = 0;
        }
        heldLength = 0;
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
                    System.arraycopy(data, end - keep, held, 0, keep);
                    heldLength = keep;
                    return;
                }
            }
        }
    }

    /** The stream ended: what was held back in case a frame began there is output after all. */
    void finish() {
        if (!inFrame && heldLength > 0) {
            listener.output(held, 0, heldLength);
        }
        heldLength = 0;
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

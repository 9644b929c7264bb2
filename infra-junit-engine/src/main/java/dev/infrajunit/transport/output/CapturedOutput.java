package dev.infrajunit.transport.output;

import dev.infrajunit.CouldNotCheckException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's output, read with bounded memory whatever the host prints. Standard output is what
 * checks parse: beyond {@link #STDOUT_LIMIT} bytes it is cut and said to be, so a check can refuse
 * to conclude from part of it. Standard error is only ever shown: its first and last
 * {@link #STDERR_KEPT_EACH_END} bytes are kept, and what lies between is counted, not kept.
 *
 * @param text  what was kept, decoded as UTF-8
 * @param bytes how many bytes the command printed in all
 * @param cut   whether some of them are not in {@code text}
 */
public record CapturedOutput(String text, long bytes, boolean cut) {

    /** Above what any check reads on purpose (a file's content is read up to 8 MB and one byte). */
    public static final int STDOUT_LIMIT = 16 * 1024 * 1024;
    public static final int STDERR_KEPT_EACH_END = 512;

    /** Standard output cut at the limit is no answer: a check would conclude from part of a listing. */
    public static CouldNotCheckException tooLong(String host, String command) {
        return new CouldNotCheckException(host, "`" + command + "` printed more than " + STDOUT_LIMIT / (1024 * 1024)
                + " MB on standard output, more than a check reads; it was stopped. Narrow what the command prints");
    }

    /**
     * Reads standard output to its end. Past the limit it keeps nothing more, calls {@code stop}
     * (which should end the command) once, and reads on until the stream ends: a stream left unread
     * would stall the command, and over SSH one closed early breaks the whole connection. For that
     * reason a stream is closed only once read to its end: one whose reading was stopped (its check
     * was interrupted) is left to the closing of its command's session, since output that still
     * arrives for a closed stream would end the connection the host's other checks share.
     */
    public static CapturedOutput stdout(InputStream in, Runnable stop) throws IOException {
        Stdout kept = new Stdout();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            boolean within = !kept.cut();
            kept.write(buffer, 0, n);
            if (within && kept.cut()) {
                stop.run();
            }
        }
        in.close();
        return kept.captured();
    }

    /** Reads standard error to its end, keeping its beginning and its end; closed as {@link #stdout} is. */
    public static CapturedOutput stderr(InputStream in) throws IOException {
        Stderr kept = new Stderr();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            kept.write(buffer, 0, n);
        }
        in.close();
        return kept.captured();
    }

    /** Where output goes as it arrives, piece by piece. */
    public interface Sink {

        void write(byte[] bytes, int offset, int length);

        /** What was kept of everything written. */
        CapturedOutput captured();
    }

    /** Standard output as it arrives: kept up to {@link #STDOUT_LIMIT}, counted beyond. */
    public static final class Stdout implements Sink {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (total < STDOUT_LIMIT) {
                kept.write(bytes, offset, (int) Math.min(length, STDOUT_LIMIT - total));
            }
            total += length;
        }

        /** Whether more than the limit has arrived. */
        public boolean cut() {
            return total > STDOUT_LIMIT;
        }

        @Override
        public CapturedOutput captured() {
            return new CapturedOutput(kept.toString(StandardCharsets.UTF_8), total, cut());
        }
    }

    /** Standard error as it arrives: its first and last {@link #STDERR_KEPT_EACH_END} bytes kept. */
    public static final class Stderr implements Sink {

        private final byte[] head = new byte[STDERR_KEPT_EACH_END];
        private final byte[] tail = new byte[STDERR_KEPT_EACH_END];
        private int headLength;
        private long total;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++, total++) {
                if (headLength < head.length) {
                    head[headLength++] = bytes[i];
                } else {
                    tail[(int) ((total - head.length) % tail.length)] = bytes[i];
                }
            }
        }

        @Override
        public CapturedOutput captured() {
            long beyondHead = total - headLength;
            if (beyondHead <= tail.length) {
                byte[] all = new byte[(int) total];
                System.arraycopy(head, 0, all, 0, headLength);
                System.arraycopy(tail, 0, all, headLength, (int) beyondHead);
                return new CapturedOutput(new String(all, StandardCharsets.UTF_8), total, false);
            }
            byte[] last = new byte[tail.length];
            int start = (int) (beyondHead % tail.length);
            System.arraycopy(tail, start, last, 0, tail.length - start);
            System.arraycopy(tail, 0, last, tail.length - start, start);
            String text = new String(head, StandardCharsets.UTF_8) + "\n[... " + (beyondHead - tail.length)
                    + " bytes of standard error not shown ...]\n" + new String(last, StandardCharsets.UTF_8);
            return new CapturedOutput(text, total, true);
        }
    }
}

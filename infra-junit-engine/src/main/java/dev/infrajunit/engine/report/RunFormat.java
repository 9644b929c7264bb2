package dev.infrajunit.engine.report;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a stored run ({@link StoredRuns}) is written to its file: a line naming the format, then each
 * field in turn, strings as their UTF-8 length and bytes. Written out field by field, so that
 * reading a file can only ever make a run, and a file of another format or cut short is an
 * {@link IOException}.
 */
final class RunFormat {

    private static final byte[] HEADER = "infra-junit run 2\n".getBytes(StandardCharsets.US_ASCII);
    /** More than a report's own limits let any string be: a length above it means the file is not a run. */
    private static final int LONGEST_STRING = 64 * 1024 * 1024;

    private RunFormat() {
    }

    static void write(StoredRuns.Run run, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.write(HEADER);
        writeString(out, run.environment());
        writeInstant(out, run.started());
        writeInstant(out, run.finished());
        out.writeInt(run.results().size());
        for (CheckResult result : run.results()) {
            out.writeInt(result.order());
            writeString(out, result.spec());
            writeString(out, result.check());
            writeString(out, result.host());
            writeString(out, result.status().name());
            writeString(out, result.message());
            writeEntries(out, result.commands());
            writeEntries(out, result.reported());
        }
        out.flush();
    }

    static StoredRuns.Run read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] header = new byte[HEADER.length];
        in.readFully(header);
        if (!Arrays.equals(header, HEADER)) {
            throw new IOException("not a stored run of this version of infra-junit");
        }
        String environment = readString(in);
        Instant started = readInstant(in);
        Instant finished = readInstant(in);
        int count = readCount(in);
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int order = in.readInt();
            String spec = readString(in);
            String check = readString(in);
            String host = readString(in);
            CheckResult.Status status;
            try {
                status = CheckResult.Status.valueOf(readString(in));
            } catch (IllegalArgumentException e) {
                throw new IOException("a stored run with an unknown status", e);
            }
            results.add(new CheckResult(order, spec, check, host, status, readString(in), readEntries(in), readEntries(in)));
        }
        if (in.read() >= 0) {
            throw new IOException("a stored run with more after its end");
        }
        return new StoredRuns.Run(environment, started, finished, results);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > LONGEST_STRING) {
            throw new IOException("a stored run with a string of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        if (nanos < 0 || nanos > 999_999_999 || seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            throw new IOException("a stored run with a time out of range");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeEntries(DataOutputStream out, List<Map<String, String>> entries) throws IOException {
        out.writeInt(entries.size());
        for (Map<String, String> entry : entries) {
            out.writeInt(entry.size());
            for (Map.Entry<String, String> pair : entry.entrySet()) {
                writeString(out, pair.getKey());
                writeString(out, pair.getValue());
            }
        }
    }

    private static List<Map<String, String>> readEntries(DataInputStream in) throws IOException {
        int count = readCount(in);
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pairs = readCount(in);
            Map<String, String> entry = new LinkedHashMap<>();
            for (int j = 0; j < pairs; j++) {
                entry.put(readString(in), readString(in));
            }
            entries.add(entry);
        }
        return entries;
    }

    /** A count of what follows, each of which takes at least a byte of the file. */
    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > LONGEST_STRING) {
            throw new IOException("a stored run with a count of " + count);
        }
        return count;
    }
}

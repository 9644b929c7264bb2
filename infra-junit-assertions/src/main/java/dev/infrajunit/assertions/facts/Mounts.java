package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** The host's mounted file systems ({@code /proc/mounts}, read once per run) and their usage ({@code df}). */
public final class Mounts {

    public static final String FACT = "infra-junit.mounts";
    public static final String SOURCE = "/proc/mounts";
    private static final Pattern OCTAL_ESCAPE = Pattern.compile("[0-7]{3}");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    private static final Pattern PERCENT = Pattern.compile("\\d+%");

    private Mounts() {
    }

    /** One line of {@code /proc/mounts}. */
    public record MountEntry(String device, String mountPoint, String type, List<String> options) {
    }

    public static List<MountEntry> all(Host host) {
        return host.fact(FACT, () -> {
            CommandResult result = HostTools.run(host, Command.of("cat /proc/mounts"), "cat", "mounts");
            if (!result.succeeded()) {
                throw HostTools.missing(host, "mounts", "/proc/mounts is not readable (" + HostTools.firstLine(result.stderr()) + ")");
            }
            return parse(result.stdoutLines());
        });
    }

    /** The file system mounted at a path; when several are stacked there, the visible (last) one. */
    public static Optional<MountEntry> at(Host host, String mountPoint) {
        List<MountEntry> mounts = all(host);
        String wanted = normalized(mountPoint);
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).mountPoint().equals(wanted)) {
                return Optional.of(mounts.get(i));
            }
        }
        return Optional.empty();
    }

    public static List<MountEntry> parse(List<String> lines) {
        List<MountEntry> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = Columns.of(line.trim());
            if (f.length >= 4) {
                mounts.add(new MountEntry(unescape(f[0]), unescape(f[1]), f[2], List.of(f[3].split(","))));
            }
        }
        return mounts;
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes ({@code \040}). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && OCTAL_ESCAPE.matcher(field).region(i + 1, i + 4).matches()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static String usageSource(String mountPoint) {
        return "df -P " + mountPoint;
    }

    /** What {@code df -P} says of a path: the mount point that holds it and how full that is. */
    public record DiskUsage(String mountedOn, int percent) {
    }

    /** A mount point as /proc/mounts and df write it: no trailing slash except for the root. */
    public static String normalized(String mountPoint) {
        return mountPoint.length() > 1 ? TRAILING_SLASHES.matcher(mountPoint).replaceAll("") : mountPoint;
    }

    /** Used space in percent as {@code df -P} reports it (rounded up, as df does), and where. */
    public static DiskUsage usage(Host host, String path) {
        CommandResult result = HostTools.run(host, Command.of("df -P -k -- {0}", path), "df", "disk usage of " + path);
        if (!result.succeeded()) {
            throw HostTools.failed(host, "disk usage of " + path, result);
        }
        List<String> lines = result.stdoutLines();
        OptionalInt percent = parseDfCapacity(lines);
        if (percent.isEmpty() || lines.size() < 2) {
            throw HostTools.failed(host, "disk usage of " + path, result);
        }
        // The mount point is the sixth field and the last; it may itself contain spaces.
        String[] fields = Columns.of(lines.get(1).trim(), 6);
        return new DiskUsage(fields.length == 6 ? fields[5] : path, percent.getAsInt());
    }

    /** {@code df -P}: a header, then {@code Filesystem 1024-blocks Used Available Capacity Mounted-on}. */
    public static OptionalInt parseDfCapacity(List<String> lines) {
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            for (String field : Columns.of(line.trim())) {
                if (PERCENT.matcher(field).matches()) {
                    return OptionalInt.of(Integer.parseInt(field.substring(0, field.length() - 1)));
                }
            }
        }
        return OptionalInt.empty();
    }
}

package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads a path's metadata, content and digest on a host. Reads are marked privileged so hosts
 * configured with {@code sudo: true} can check root-only files; nothing is ever written.
 */
public final class FileFacts {

    /** Content checks read at most this much; larger files are reported, not silently cut. */
    public static final int MAX_CONTENT_BYTES = 8 * 1024 * 1024;

    private static final String FORMAT = "'%F|%a|%U|%G|%s|%Y'";
    private static final String SYMLINK = "symbolic link";

    // The host's clock comes first, so ages are measured in the clock that wrote the mtime;
    // then the path itself (lstat) and, only for a symlink, what it points to: for anything
    // else the two are the same, and a process fewer per file counts on a fleet.
    private static final String STAT = "date +%s && stat -c " + FORMAT + " -- {0} && if [ -L {0} ]; then stat -L -c "
            + FORMAT + " -- {0}; fi";

    private FileFacts() {
    }

    /**
     * What stat says about a path.
     *
     * @param linkType the type of the path itself ({@code symbolic link} for a link)
     * @param target   the attributes of the path after following links; empty when it does not
     *                 exist or is a dangling link
     * @param hostNow  the host's clock when it was read
     */
    public record FileStat(String path, String source, Optional<String> linkType, Optional<Attributes> target, Instant hostNow) {

        public boolean exists() {
            return target.isPresent();
        }

        public boolean isSymlink() {
            return linkType.filter(SYMLINK::equals).isPresent();
        }

        public boolean isDanglingSymlink() {
            return isSymlink() && target.isEmpty();
        }

        /** {@code a regular file}, {@code a directory}, {@code a dangling symbolic link}, ... for messages. */
        public String describe() {
            if (isDanglingSymlink()) {
                return "a dangling symbolic link";
            }
            return target.map(t -> (isSymlink() ? "a symbolic link to " : "") + article(t.type())).orElse("missing");
        }

        private static String article(String type) {
            return (type.matches("^[aeiou].*") ? "an " : "a ") + type;
        }
    }

    /** Attributes after following links; {@code mode} as stat prints it ({@code 644}, {@code 4755}). */
    public record Attributes(String type, String mode, String owner, String group, long size, Instant modified) {

        public int modeBits() {
            return Integer.parseInt(mode, 8);
        }
    }

    /** {@code stat of /etc/ssh/sshd_config}: where file attributes come from, for messages. */
    public static String statSource(String path) {
        return "stat of " + path;
    }

    public static FileStat stat(Host host, String path) {
        CommandResult result = HostTools.run(host, Command.of(STAT, path).privileged(), "stat", "file " + path);
        List<String> lines = result.stdoutLines();
        if (lines.isEmpty()) {
            throw HostTools.failed(host, "file " + path, result);
        }
        Instant now = Instant.ofEpochSecond(Long.parseLong(lines.get(0).strip()));
        String stderr = result.stderr();
        boolean absent = stderr.contains("No such file or directory") || stderr.contains("Not a directory");
        if (!result.succeeded() && !absent) {
            throw HostTools.failed(host, "file " + path, result);
        }
        if (lines.size() < 2) {
            return new FileStat(path, statSource(path), Optional.empty(), Optional.empty(), now);
        }
        Attributes itself = parse(lines.get(1));
        Optional<Attributes> target = lines.size() > 2 ? Optional.of(parse(lines.get(2)))
                : itself.type().equals(SYMLINK) ? Optional.empty() : Optional.of(itself);
        return new FileStat(path, statSource(path), Optional.of(itself.type()), target, now);
    }

    /** One line of {@code stat -c '%F|%a|%U|%G|%s|%Y'}, from GNU coreutils or BusyBox. */
    public static Attributes parse(String line) {
        String[] fields = line.split("\\|", -1);
        if (fields.length != 6) {
            throw new IllegalArgumentException("unexpected stat output: " + line);
        }
        return new Attributes(normalType(fields[0]), fields[1], fields[2], fields[3], Long.parseLong(fields[4]),
                Instant.ofEpochSecond(Long.parseLong(fields[5])));
    }

    // GNU stat says "regular empty file" for empty files, BusyBox "character device" for devices.
    private static String normalType(String type) {
        return switch (type) {
            case "regular empty file" -> "regular file";
            case "character device" -> "character special file";
            case "block device" -> "block special file";
            default -> type;
        };
    }

    /**
     * The content of a file, decoded as UTF-8.
     *
     * @throws dev.infrajunit.CouldNotCheckException when it cannot be read or is larger than
     *         {@link #MAX_CONTENT_BYTES}
     */
    public static String content(Host host, String path) {
        Command read = Command.of("head -c " + (MAX_CONTENT_BYTES + 1) + " -- {0}", path).privileged();
        CommandResult result = HostTools.run(host, read, "head", "the content of " + path);
        if (!result.succeeded()) {
            throw HostTools.failed(host, "the content of " + path, result);
        }
        if (result.stdout().getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
            throw HostTools.missing(host, "the content of " + path, "it is larger than " + MAX_CONTENT_BYTES
                    + " bytes; content checks read at most that much (check a digest instead: hasSha256)");
        }
        return result.stdout();
    }

    /** The lowercase hex SHA-256 of a file, computed on the host. */
    public static String sha256(Host host, String path) {
        CommandResult result = HostTools.run(host, Command.of("sha256sum -- {0}", path).privileged(), "sha256sum",
                "the sha256 of " + path);
        if (!result.succeeded()) {
            throw HostTools.failed(host, "the sha256 of " + path, result);
        }
        String out = result.stdout().strip();
        // GNU sha256sum escapes names with a backslash or newline by prefixing the line with '\'
        int space = out.indexOf(' ');
        String hash = space < 0 ? out : out.substring(0, space);
        return hash.startsWith("\\") ? hash.substring(1) : hash;
    }
}

package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Memory as the kernel counts it in {@code /proc/meminfo}. "Free" memory means {@code MemAvailable}:
 * what new programs can get without swapping, page cache included; {@code MemFree} alone would make
 * every long-running host look starved.
 */
public final class Memory {

    public static final String SOURCE = "MemAvailable in /proc/meminfo";
    private static final Pattern NAME_AND_VALUE = Pattern.compile("[:\\s]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private Memory() {
    }

    /** Total and available memory in bytes. */
    public record MemInfo(long totalBytes, long availableBytes) {
    }

    public static MemInfo read(Host host) {
        CommandResult result = HostTools.run(host, Command.of("cat /proc/meminfo"), "cat", "memory");
        if (!result.succeeded()) {
            throw HostTools.missing(host, "memory", "/proc/meminfo is not readable");
        }
        return parse(result.stdoutLines());
    }

    /** {@code MemTotal:       24684084 kB}; kernels before 3.14 lack MemAvailable and get free + buffers + cached. */
    public static MemInfo parse(List<String> lines) {
        Map<String, Long> kib = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = NAME_AND_VALUE.split(line);
            if (f.length >= 2 && DIGITS.matcher(f[1]).matches()) {
                kib.put(f[0], Long.parseLong(f[1]));
            }
        }
        long available = kib.containsKey("MemAvailable") ? kib.get("MemAvailable")
                : kib.getOrDefault("MemFree", 0L) + kib.getOrDefault("Buffers", 0L) + kib.getOrDefault("Cached", 0L);
        return new MemInfo(kib.getOrDefault("MemTotal", 0L) * 1024, available * 1024);
    }
}

package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Sizes as operators write them: {@code 512}, {@code 512B}, {@code 1MB}, {@code 1.2 GB},
 * {@code 10GiB}. KB, MB, GB and TB are decimal (1 MB = 1,000,000 bytes), as disk vendors, S3 and
 * {@code du --si} count; KiB, MiB, GiB and TiB are binary (1 MiB = 1,048,576 bytes).
 */
@API(status = STABLE)
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Sizes() {
    }

    /**
     * Parses a size into bytes.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write it like 512B, 100KB, 1MB, 1.2 GB or 10GiB");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> power(unit, 1);
            case 'm' -> power(unit, 2);
            case 'g' -> power(unit, 3);
            case 't' -> power(unit, 4);
            default -> 1;
        };
        return amount.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Formats bytes in decimal units with at most one decimal: {@code 512 B}, {@code 1.2 GB}, {@code 3 MB}. */
    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        // Round first, so 999,960 bytes reads "1 MB" rather than "1000 KB".
        while (unit < UNITS.length - 1 && Math.round(value * 10) / 10.0 >= 1000) {
            value /= 1000;
            unit++;
        }
        double rounded = Math.round(value * 10) / 10.0;
        String number = rounded == Math.rint(rounded)
                ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
        return number + " " + UNITS[unit];
    }

    private static long power(String unit, int exponent) {
        long base = unit.contains("i") ? 1024 : 1000;
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}

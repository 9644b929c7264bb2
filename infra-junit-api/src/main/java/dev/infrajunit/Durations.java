package dev.infrajunit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 90m}, {@code 24h},
 * {@code 2d}, combinations such as {@code 1h30m}, or ISO-8601 such as {@code PT24H}.
 */
@API(status = EXPERIMENTAL)
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w))+");

    /** The forms {@link #parse} accepts, for messages about a value that is not a duration. */
    public static final String ACCEPTED_FORMS = "30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms, also for a
     *                                  negative duration or one too large to represent
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        Duration parsed;
        try {
            parsed = value.startsWith("P") || value.startsWith("p")
                    ? Duration.parse(value.toUpperCase(Locale.ROOT))
                    : parseUnits(value.replace(" ", ""));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // too large for a Duration, or not ISO-8601
            throw invalid(text);
        }
        if (parsed.isNegative()) {
            throw invalid(text);
        }
        return parsed;
    }

    private static Duration parseUnits(String compact) {
        if (!WHOLE.matcher(compact).matches()) {
            throw new NumberFormatException(compact);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(compact);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(Math.multiplyExact(7, amount));
            });
        }
        return total;
    }

    /**
     * Formats a duration in human units: the largest one, and the next smaller one unless it is
     * zero: {@code 2d 3h}, {@code 45m 10s}, {@code 1h} (for 1h 0m 5s), {@code 1.5s}, {@code 250ms}.
     */
    public static String format(Duration duration) {
        boolean negative = duration.isNegative();
        Duration d = duration.abs();
        String text;
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            text = d.toMillis() + "ms";
        } else if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            long millis = d.toMillis();
            text = millis % 1000 == 0 ? (millis / 1000) + "s" : String.format(Locale.ROOT, "%.1fs", (millis / 100) / 10.0);
        } else {
            long[] amounts = {d.toDaysPart(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()};
            String[] units = {"d", "h", "m", "s"};
            StringBuilder out = new StringBuilder();
            int shown = 0;
            for (int i = 0; i < amounts.length && shown < 2; i++) {
                if (amounts[i] > 0) {
                    out.append(out.length() == 0 ? "" : " ").append(amounts[i]).append(units[i]);
                    shown++;
                } else if (shown > 0) {
                    break;
                }
            }
            text = out.toString();
        }
        return negative ? "-" + text : text;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write it like " + ACCEPTED_FORMS);
    }

    /**
     * A limit as people say it: {@code 24h} and {@code 36h} rather than {@code 1d} and {@code 1d 12h},
     * whole days from three days on ({@code 7d}), anything else as {@link #format}.
     */
    public static String limit(Duration limit) {
        long seconds = limit.getSeconds();
        if (limit.getNano() == 0 && seconds > 0 && seconds % 86_400 == 0 && seconds >= 3 * 86_400) {
            return seconds / 86_400 + "d";
        }
        if (limit.getNano() == 0 && seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return format(limit);
    }
}

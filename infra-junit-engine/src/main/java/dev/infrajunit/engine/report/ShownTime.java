package dev.infrajunit.engine.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A moment as the report and the monitor's page show it to people: to the second, in UTC, as a
 * fleet's hosts and the people reading about them are in many time zones.
 */
public final class ShownTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ShownTime() {
    }

    /** {@code 2026-12-03 08:14:03 UTC}. */
    public static String of(Instant moment) {
        return FORMAT.format(moment);
    }
}

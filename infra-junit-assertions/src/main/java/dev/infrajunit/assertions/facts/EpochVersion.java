package dev.infrajunit.assertions.facts;

import java.util.function.ToIntBiFunction;

/**
 * A version split the way dpkg and rpm both write it: {@code [epoch:]version[-release]}. The
 * release is what follows the last dash; a missing epoch is 0, a missing release empty.
 */
record EpochVersion(long epoch, String version, String release) {

    /** By epoch first; within one epoch by the package manager's own rule for version and release. */
    static int compare(String a, String b, ToIntBiFunction<EpochVersion, EpochVersion> withinEpoch) {
        EpochVersion left = of(a);
        EpochVersion right = of(b);
        int byEpoch = Long.compare(left.epoch(), right.epoch());
        return byEpoch != 0 ? byEpoch : withinEpoch.applyAsInt(left, right);
    }

    static EpochVersion of(String text) {
        String rest = text.strip();
        long epoch = 0;
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = epoch(text, rest.substring(0, colon));
            rest = rest.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? new EpochVersion(epoch, rest, "")
                : new EpochVersion(epoch, rest.substring(0, dash), rest.substring(dash + 1));
    }

    /** dpkg and rpm both keep the epoch in a signed 32-bit number. */
    private static long epoch(String version, String digits) {
        String significant = Digits.significant(digits);
        if (significant.length() > 10 || Long.parseLong(significant) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot compare the version '" + version.strip() + "': its epoch " + digits
                    + " is larger than any package manager allows (" + Integer.MAX_VALUE + ")");
        }
        return Long.parseLong(significant);
    }
}

package dev.infrajunit.monitor.state;

/**
 * How long a run of results must last before the state follows it.
 *
 * @param failAfter    consecutive non-pass results that make a check failing ({@code --fail-after})
 * @param recoverAfter consecutive passes that make a failing check ok again ({@code --recover-after})
 * @param flapHigh     percent of weighted state changes at which a check starts flapping ({@code --flap-high})
 * @param flapLow      percent below which a flapping check stops flapping ({@code --flap-low})
 */
public record Thresholds(int failAfter, int recoverAfter, double flapHigh, double flapLow) {

    public static final Thresholds DEFAULTS = new Thresholds(3, 2, 50, 25);

    public Thresholds {
        if (failAfter < 1) {
            throw new IllegalArgumentException("--fail-after must be at least 1, but is " + failAfter);
        }
        if (recoverAfter < 1) {
            throw new IllegalArgumentException("--recover-after must be at least 1, but is " + recoverAfter);
        }
        if (flapHigh <= 0 || flapHigh > 100 || flapLow < 0 || flapLow > 100) {
            throw new IllegalArgumentException("--flap-high and --flap-low are percentages (0-100], but are "
                    + flapHigh + " and " + flapLow);
        }
        if (flapLow > flapHigh) {
            throw new IllegalArgumentException("--flap-low (" + flapLow + ") must not be above --flap-high (" + flapHigh + ")");
        }
    }
}

package dev.infrajunit.monitor.state;

import dev.infrajunit.monitor.run.Result;
import java.util.List;

/**
 * Nagios' flap detection: over the last {@value #WINDOW} results, the percentage of changes from one
 * result to the next, each change weighted from 0.75 (oldest) to 1.25 (newest) so that recent
 * changes count more. A run of the same result scores 0, strict alternation 100.
 */
public final class FlapDetection {

    /** How many results are kept and weighed. */
    public static final int WINDOW = 21;

    private static final double LOW_WEIGHT = 0.75;
    private static final double HIGH_WEIGHT = 1.25;

    private FlapDetection() {
    }

    /** The weighted percentage of changes in {@code history}, oldest first (at most the last 21 are used). */
    public static double percentChange(List<Result> history) {
        List<Result> window = history.size() > WINDOW ? history.subList(history.size() - WINDOW, history.size()) : history;
        // Aligned to the newest end, as Nagios' history is: a short history has only the heavier weights.
        int offset = WINDOW - window.size();
        double changes = 0;
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i) != window.get(i - 1)) {
                int position = offset + i; // 1 (oldest change) .. 20 (newest)
                changes += LOW_WEIGHT + (position - 1) * (HIGH_WEIGHT - LOW_WEIGHT) / (WINDOW - 2);
            }
        }
        return changes * 100.0 / (WINDOW - 1);
    }
}

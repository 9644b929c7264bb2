package dev.infrajunit.monitor.state;

import java.util.Locale;

/**
 * What alerts are made from: a check's state, changed only by lasting runs of results. A waived
 * check is {@code WAIVED} from its first waived result on: its failure is accepted, so it never alerts.
 */
public enum State {
    OK, PENDING, FAILING, RECOVERING, WAIVED, FLAPPING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static State ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}

package dev.infrajunit.engine.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one check on one host (or of a check that is not per host), as the report shows it.
 *
 * @param order    its place in the test plan, so hosts and checks keep the order of the environment and the specs
 * @param spec     the spec class's simple name
 * @param check    the check's display name
 * @param host     the host's name, or empty for a check that is not per host
 * @param status   how it ended
 * @param message  the failure's message, or why it could not check, or why it was skipped
 * @param commands the commands it ran, each as its report entry ({@code host}, {@code command}, ...)
 * @param reported other report entries of the check ({@code Infra.report})
 */
record CheckResult(int order, String spec, String check, String host, Status status, String message, List<Map<String, String>> commands,
                   List<Map<String, String>> reported) {

    CheckResult {
        commands = List.copyOf(commands);
        reported = List.copyOf(reported);
    }

    /** The same result at another place. */
    CheckResult at(int place) {
        return new CheckResult(place, spec, check, host, status, message, commands, reported);
    }

    enum Status {
        PASSED("passed", "✔"),
        FAILED("failed", "✘"),
        COULD_NOT_CHECK("could not check", "?"),
        SKIPPED("skipped", "–");

        private final String label;
        private final String symbol;

        Status(String label, String symbol) {
            this.label = label;
            this.symbol = symbol;
        }

        String label() {
            return label;
        }

        String symbol() {
            return symbol;
        }

        String cssClass() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The column this result belongs in. */
    String column() {
        return spec + "." + check;
    }
}

package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/**
 * A measured quantity is on the wrong side of a limit: a version too old, a disk too full, too
 * little free memory, a certificate expiring too soon, a file not modified recently enough.
 */
public final class ShouldBeWithinLimit extends InfraErrorMessage {

    private ShouldBeWithinLimit(String host, String subject, String requirement, String found, String source) {
        super(host, subject + " " + requirement, found, source);
    }

    /**
     * @param requirement what the limit asks, as a verb phrase: {@code to have version at least 1:9.2}
     * @param found       what was measured: {@code it has 1:8.4p1-5}
     */
    public static ErrorMessageFactory shouldBeWithinLimit(String host, String subject, String requirement, String found,
                                                          String source) {
        return new ShouldBeWithinLimit(host, subject, requirement, found, source);
    }
}

package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** Something that must be absent from the host is there; the finding says what it is. */
public final class ShouldNotExist extends InfraErrorMessage {

    private ShouldNotExist(String host, String subject, String found, String source) {
        super(host, subject + " not to exist", found, source);
    }

    public static ErrorMessageFactory shouldNotExist(String host, String subject, String found, String source) {
        return new ShouldNotExist(host, subject, found, source);
    }
}

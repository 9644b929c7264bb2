package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** Something expected on the host (a file, user, group, mount) is not there. */
public final class ShouldExist extends InfraErrorMessage {

    private ShouldExist(String host, String subject, String found, String source) {
        super(host, subject + " to exist", found, source);
    }

    public static ErrorMessageFactory shouldExist(String host, String subject, String source) {
        return new ShouldExist(host, subject, "it does not", source);
    }

    /** When something is there but does not count, such as a dangling symbolic link. */
    public static ErrorMessageFactory shouldExist(String host, String subject, String found, String source) {
        return new ShouldExist(host, subject, found, source);
    }
}

package dev.infrajunit.assertions.error;

import org.assertj.core.error.ErrorMessageFactory;

/** A scheduled job (a systemd timer, a cron entry) has not run recently, or its last run failed. */
public final class ShouldHaveRun extends InfraErrorMessage {

    private ShouldHaveRun(String host, String expectation, String found, String source) {
        super(host, expectation, found, source);
    }

    /** {@code db-1: expected timer pg-backup.timer to have run within 24h, but it last ran 2d 3h ago (...)} */
    public static ErrorMessageFactory shouldHaveRunWithin(String host, String job, String limit, String found, String source) {
        return new ShouldHaveRun(host, job + " to have run within " + limit, found, source);
    }

    /** {@code db-1: expected the last run of pg-backup.service (timer pg-backup.timer) to succeed, but ... (...)} */
    public static ErrorMessageFactory shouldHaveSucceeded(String host, String run, String found, String source) {
        return new ShouldHaveRun(host, "the last run of " + run + " to succeed", found, source);
    }
}

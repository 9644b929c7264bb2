package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.LocalDate;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * A check failed, and a waiver in the environment accepts that failure until its expiry date.
 * The check ran and its failure is kept, as the message and as the cause; reports show the check
 * as skipped (aborted) rather than failed, and say why, until when, and what failed. After the
 * expiry date the same failure counts again.
 */
@API(status = STABLE)
public class WaivedCheckException extends TestAbortedException {

    private final String reason;
    private final LocalDate expires;
    private final String waiver;

    /**
     * @param subject the host, or the check's name for a check about no host
     * @param reason  why the failure is accepted, as the waiver says
     * @param expires the last day the waiver holds
     * @param waiver  where the waiver is written: {@code staging.yaml:14}
     * @param failure the failure it accepts
     */
    public WaivedCheckException(String subject, String reason, LocalDate expires, String waiver, AssertionError failure) {
        super(subject + ": waived until " + expires + " (" + waiver + "): " + reason + ". The check failed: "
                + failure.getMessage(), failure);
        this.reason = reason;
        this.expires = expires;
        this.waiver = waiver;
    }

    public String reason() {
        return reason;
    }

    /** The last day the waiver holds. */
    public LocalDate expires() {
        return expires;
    }

    /** Where the waiver is written: {@code staging.yaml:14}. */
    public String waiver() {
        return waiver;
    }

    /** The failure the waiver accepts. */
    public AssertionError failure() {
        return (AssertionError) getCause();
    }
}

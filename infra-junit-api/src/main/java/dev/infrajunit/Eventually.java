package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Retries a {@link Check} until it passes or the timeout elapses, for infrastructure that
 * converges (a service that restarts, a replica that catches up). Only assertion failures are
 * retried; a check that could not run (host unreachable) fails at once.
 */
@API(status = STABLE)
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Eventually {

    /** How long to keep trying, e.g. {@code 5m}, {@code 30s}, {@code PT5M}. */
    String timeout() default "5m";

    /** How long to wait between attempts, e.g. {@code 10s}. */
    String pollInterval() default "10s";
}

package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;

/**
 * One check of an {@link InfraTest} spec. A check method returns {@code void}; it takes no
 * parameters, or exactly one {@link Host} when it is annotated with {@link ForEachHost}.
 */
@API(status = STABLE)
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Testable
public @interface Check {

    /**
     * How long this check may run before it is ended and reported as timed out, as a duration
     * such as {@code 30s}, {@code 5m} or {@code PT2M}. Empty means {@code infra.check.timeout}.
     */
    String timeout() default "";
}

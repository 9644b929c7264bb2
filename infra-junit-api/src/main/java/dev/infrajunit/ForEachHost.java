package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Runs a {@link Check} once per host of the active environment that the selector matches; each
 * host becomes its own test node, named after the host. The check method takes the {@link Host}.
 *
 * <p>Selector syntax: comma-separated terms; a term is a host-name glob ({@code db-*}),
 * {@code role:NAME} or {@code prop:PATH=VALUE} ({@code prop:properties.env=prod}), or several of
 * those joined by {@code &}, which must all hold ({@code role:database&prop:properties.env=prod});
 * a term prefixed with {@code !} excludes; {@code *} is every host.
 */
@API(status = STABLE)
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ForEachHost {

    /** The host selector, for example {@code "role:database"} or {@code "web-*,!web-canary"}. */
    String value();
}

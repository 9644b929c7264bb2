package dev.infrajunit;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How {@link Infra} reaches the environment of the run, without the API knowing the engine that
 * implements it: the engine registers one implementation in
 * {@code META-INF/services/dev.infrajunit.EnvironmentAccess}, found with
 * {@link java.util.ServiceLoader}. It lives beside {@link Infra}, its only caller, so that the API's
 * package needs none of the plug-in interfaces (which need it).
 */
@API(status = INTERNAL, consumers = "dev.infrajunit")
public interface EnvironmentAccess {

    /**
     * The environment checks run against now: the run's own, or, outside a run (a plain JUnit
     * Jupiter test), the one the configuration selects, loaded on first use.
     */
    Environment active();

    /**
     * Why a selector matches no host of the {@link #active()} environment, as a sentence such as
     * {@code no host has the role 'databse'; roles: database, web}.
     */
    String noMatch(String selector);

    /**
     * Publishes {@code key = value} as a report entry of the check running on this thread; does
     * nothing when no check of a run is running on this thread.
     */
    void report(String key, String value);
}

/**
 * Runs checks: the worker pool, timeouts, retries of {@code @Eventually}, outcomes. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.engine.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

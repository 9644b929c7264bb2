/**
 * Every configuration key ({@code infra.*}) in one place, read from JUnit configuration
 * parameters. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.engine.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

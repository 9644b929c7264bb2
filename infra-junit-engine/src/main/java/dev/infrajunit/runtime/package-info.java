/**
 * One run's environment: its hosts, facts fetched once, shared resources, and what {@code Infra}
 * answers. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The engine's background threads. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.concurrent;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

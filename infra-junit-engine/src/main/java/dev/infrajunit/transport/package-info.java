/**
 * How commands reach hosts: the transports of a run, and the local one. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.transport;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

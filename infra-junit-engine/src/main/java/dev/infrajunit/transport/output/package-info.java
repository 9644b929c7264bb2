/**
 * What a command printed, read with bounded memory, as every transport reads it. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.transport.output;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

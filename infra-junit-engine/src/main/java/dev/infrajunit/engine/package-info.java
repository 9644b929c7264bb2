/**
 * The JUnit Platform {@code TestEngine} of infra-junit (engine id {@code infra-junit}): it wires
 * discovery and execution. Internal: specs use the API, {@code dev.infrajunit}.
 */
@API(status = INTERNAL)
package dev.infrajunit.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

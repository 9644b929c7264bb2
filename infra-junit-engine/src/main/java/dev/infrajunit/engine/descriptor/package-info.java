/**
 * Test descriptors: spec classes, checks and one node per host, each validating itself. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.engine.descriptor;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

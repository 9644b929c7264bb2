/**
 * One cycle: a JUnit Platform launch of the selected specs, and its results per spec, check and
 * host. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.monitor.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One cycle as a Nagios plugin reports it. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.monitor.nagios;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

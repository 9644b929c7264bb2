/**
 * The monitor: its command line (InfraMonitor) and its loop. The command line, the metrics, the
 * endpoints and the state file are its contract; its classes are internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.monitor;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

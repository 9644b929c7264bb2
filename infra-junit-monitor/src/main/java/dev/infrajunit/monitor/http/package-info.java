/**
 * The endpoints: /metrics, /healthz, /api/status and the status page. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.monitor.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

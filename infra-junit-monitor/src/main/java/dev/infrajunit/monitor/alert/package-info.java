/**
 * Alerts made from states, and their posting to Alertmanager. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.monitor.alert;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Listeners of a run that report it: the HTML report and the progress line. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The state machine that turns results into states, and the state file. Pure, apart from the file.
 * Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.monitor.state;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

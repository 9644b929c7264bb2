/**
 * Facts read from hosts with read-only commands, and the parsers of their output. Internal: the
 * assertions are the API.
 */
@API(status = INTERNAL)
package dev.infrajunit.assertions.facts;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

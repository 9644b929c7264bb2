/**
 * The failure messages of the assertions, one factory per kind of failure. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.assertions.error;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

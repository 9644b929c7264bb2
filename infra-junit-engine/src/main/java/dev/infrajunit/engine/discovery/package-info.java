/**
 * Selector resolvers that find specs, checks and their hosts. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.engine.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

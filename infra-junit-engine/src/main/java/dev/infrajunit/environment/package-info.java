/**
 * Environment files: reading, checking against the schema (the file's keys and those the plug-ins
 * declare), inheritance, host sources and selectors. Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.environment;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The SSH transport (SSHJ): connections, authentication, host keys, jump hosts, ssh_config.
 * Internal.
 */
@API(status = INTERNAL)
package dev.infrajunit.transport.ssh;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

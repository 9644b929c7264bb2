package dev.infrajunit.environment;

/** How SSH host keys are verified ({@code ssh.hostKeyChecking}). */
public enum HostKeyChecking {
    /** Only keys already in known_hosts are accepted (the default). */
    STRICT,
    /** Unknown keys are recorded in known_hosts; changed keys are refused. */
    ACCEPT_NEW,
    /** Nothing is verified; a warning is printed on every run. */
    OFF
}

package dev.infrajunit.assertions;

import dev.infrajunit.Host;

/**
 * The one entry point for infra-junit assertions: {@code assertThat(host("db-3")).hasRecentBackup()}.
 * AWS resources have their own, in infra-junit-aws: {@code dev.infrajunit.aws.AwsAssertions}.
 */
public final class InfraAssertions {

    private InfraAssertions() {
    }

    /** Assertions about a host: its files, packages, services, ports, backups and more. */
    public static HostAssert assertThat(Host host) {
        return new HostAssert(host);
    }
}

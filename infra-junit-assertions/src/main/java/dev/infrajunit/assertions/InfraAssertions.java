package dev.infrajunit.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import dev.infrajunit.Host;
import org.apiguardian.api.API;

/**
 * The one entry point for infra-junit assertions: {@code assertThat(host("db-3")).hasRecentBackup()}.
 * AWS resources have their own, in infra-junit-aws: {@code dev.infrajunit.aws.AwsAssertions}.
 */
@API(status = STABLE)
public final class InfraAssertions {

    private InfraAssertions() {
    }

    /** Assertions about a host: its files, packages, services, ports, backups and more. */
    public static HostAssert assertThat(Host host) {
        return new HostAssert(host);
    }
}

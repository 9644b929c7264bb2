package dev.infrajunit.aws;

import static dev.infrajunit.testing.TestEnvironments.environment;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

class AwsClientsTest {

    @RegisterExtension
    static final RecordedAwsServer ec2 = new RecordedAwsServer();

    @Test
    void oneClientPerServiceAndRegionForTheRunClosedWhenItEnds() {
        Ec2Client first;
        try (RunEnvironment run = environment(Map.of("aws", Map.of("region", "eu-west-1", "endpoint", ec2.endpoint().toString())),
                localHost("db-1", Map.of()), localHost("db-2", Map.of("aws", Map.of("region", "us-east-2"))))) {
            ec2.onAction("DescribeInstances", "ec2/describe-instances-none.xml");
            first = AwsClients.ec2(AwsContext.of(run));
            assertThat(AwsClients.ec2(AwsContext.of(run.host("db-1")))).isSameAs(first);
            assertThat(AwsClients.ec2(AwsContext.of(run.host("db-2")))).isNotSameAs(first);
            assertThat(AwsClients.ec2(AwsContext.of(run).inRegion("us-east-2"))).isSameAs(AwsClients.ec2(AwsContext.of(run.host("db-2"))));
            first.describeInstances();
        }
        // closed: its timeout scheduler no longer takes calls
        assertThatThrownBy(first::describeInstances).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void aMalformedEndpointIsSaidSo() {
        try (RunEnvironment run = environment(Map.of("aws", Map.of("region", "eu-west-1", "endpoint", "http://127.0.0.1:port/")),
                localHost("db-1", Map.of("backup", Map.of("ebs", true, "maxAge", "24h"))))) {
            assertThatThrownBy(() -> dev.infrajunit.backup.BackupCheck.of(run.host("db-1")).failure())
                    .hasMessage("aws.endpoint 'http://127.0.0.1:port/' is not a URL; write it like http://127.0.0.1:9000");
        }
    }

    @Test
    void anUnreachableEndpointCouldNotBeChecked() {
        try (RunEnvironment run = environment(Map.of("aws", Map.of("region", "eu-west-1", "endpoint", "http://127.0.0.1:9")),
                localHost("db-1", Map.of("backup", Map.of("ebs", true, "maxAge", "24h"))))) {
            assertThatThrownBy(() -> dev.infrajunit.backup.BackupCheck.of(run.host("db-1")).failure())
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("db-1: could not reach AWS for ec2:DescribeInstances in eu-west-1: ");
        }
    }
}

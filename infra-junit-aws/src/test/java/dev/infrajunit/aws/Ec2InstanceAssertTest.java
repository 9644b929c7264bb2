package dev.infrajunit.aws;

import static dev.infrajunit.aws.AwsAssertions.assertThat;
import static dev.infrajunit.aws.AwsAssertions.aws;
import static dev.infrajunit.aws.S3BucketAssertTest.assertFails;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EC2 instance assertions: the real EC2 client over HTTP against recorded EC2 query-protocol replies. */
class Ec2InstanceAssertTest {

    @RegisterExtension
    static final RecordedAwsServer ec2 = new RecordedAwsServer();
    private RunEnvironment environment;
    private Host db1;



    @BeforeEach
    void setUp() {
        environment = ec2.environment(localHost("db-1", Map.of()));
        db1 = environment.host("db-1");
        ec2.onAction("DescribeInstances", request -> "i-0db4".equals(request.parameter("InstanceId.1")), 200, "ec2/describe-instances-i-0db4.xml");
        ec2.onAction("DescribeInstances", request -> request.filter("tag:Name").contains("db-1"), 200, "ec2/describe-instances-db-1.xml");
        ec2.onAction("DescribeInstances", request -> true, 200, "ec2/describe-instances-none.xml");
    }


    @Test
    void aHostsInstanceIsDescribedOnceForAChainOfChecks() {
        assertThat(aws(db1).ec2Instance()).isRunning().hasTag("Name", "db-1").hasTag("env");
        assertThat(aws(db1).ec2Instance()).isRunning();

        org.assertj.core.api.Assertions.assertThat(ec2.requests("DescribeInstances")).hasSize(1);
    }

    /** Built-in facts are named infra-junit.*, so a spec's own fact cannot take the place of one. */
    @Test
    void aSpecsOwnFactNamedLikeTheInstanceDoesNotCollideWithIt() {
        db1.fact("aws.ec2.instance", () -> "the spec's own");

        assertThat(aws(db1).ec2Instance()).isRunning().hasTag("Name", "db-1");
        org.assertj.core.api.Assertions.assertThat(db1.<String>fact("aws.ec2.instance", () -> "fetched again"))
                .isEqualTo("the spec's own");
    }

    @Test
    void aStoppedInstanceFails() {
        assertFails(() -> assertThat(aws(environment).ec2Instance("i-0db4")).isRunning(),
                "EC2 instance i-0db4: expected state running, but it is stopped (ec2:DescribeInstances)");
    }

    @Test
    void imdsV1StillAllowedFails() {
        assertThat(aws(environment).ec2Instance("i-0db4")).requiresImdsV2();
        assertFails(() -> assertThat(aws(db1).ec2Instance()).requiresImdsV2(),
                "EC2 instance i-0db1 of db-1: expected IMDSv2 required (HttpTokens required), but HttpTokens is optional"
                        + " (ec2:DescribeInstances)");
    }

    @Test
    void aMissingOrDifferentTagFails() {
        assertFails(() -> assertThat(aws(db1).ec2Instance()).hasTag("backup"),
                "EC2 instance i-0db1 of db-1: expected a tag backup, but its tags are Name=db-1, env=staging (ec2:DescribeInstances)");
        assertFails(() -> assertThat(aws(db1).ec2Instance()).hasTag("env", "production"),
                "EC2 instance i-0db1 of db-1: expected tag env=production, but it is env=staging (ec2:DescribeInstances)");
    }

    @Test
    void aHostWithoutInstanceFails() {
        Host web = ec2.environment(localHost("web-7", Map.of())).host("web-7");

        assertFails(() -> assertThat(aws(web).ec2Instance()).isRunning(),
                "EC2 instance of web-7: expected state running, but no EC2 instance is tagged Name=web-7 in eu-west-1"
                        + " (set aws.instanceId on the host if its Name tag differs) (ec2:DescribeInstances)");
    }

    @Test
    void theHostsOwnInstanceNeedsAHost() {
        assertThatThrownBy(() -> aws(environment).ec2Instance())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ec2Instance() needs a host: use aws(host).ec2Instance(), or aws(environment).ec2Instance(\"i-...\")");
    }
}

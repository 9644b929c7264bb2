package dev.infrajunit.aws;

import static dev.infrajunit.aws.AwsAssertions.assertThat;
import static dev.infrajunit.aws.AwsAssertions.aws;
import static dev.infrajunit.aws.S3BucketAssertTest.assertFails;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Security group assertions: the real EC2 client over HTTP against recorded EC2 query-protocol replies. */
class SecurityGroupAssertTest {

    @RegisterExtension
    static final RecordedAwsServer ec2 = new RecordedAwsServer();
    private RunEnvironment environment;



    @BeforeEach
    void setUp() {
        environment = ec2.environment();
        ec2.onAction("DescribeSecurityGroups", request -> "sg-0web".equals(request.parameter("GroupId.1")), 200, "ec2/describe-security-groups-web.xml");
        ec2.onAction("DescribeSecurityGroups", request -> request.filter("group-name").equals(List.of("database")), 200,
                "ec2/describe-security-groups-internal.xml");
        ec2.onAction("DescribeSecurityGroups", request -> request.filter("group-name").equals(List.of("app")), 200,
                "ec2/describe-security-groups-two-named-app.xml");
        ec2.onAction("DescribeSecurityGroups", request -> "sg-0gone".equals(request.parameter("GroupId.1")), 400, "ec2/error-invalid-group.xml");
    }


    @Test
    void aGroupOpenOnlyInsideThePrivateNetworkPasses() {
        assertThat(aws(environment).securityGroup("database")).hasNoPortOpenToTheWorld().hasNoPortOpenToTheWorldExcept();
        org.assertj.core.api.Assertions.assertThat(ec2.requests("DescribeSecurityGroups")).hasSize(1);
    }

    @Test
    void everyRuleOpenToTheWorldIsNamed() {
        assertFails(() -> assertThat(aws(environment).securityGroup("sg-0web")).hasNoPortOpenToTheWorld(),
                "security group sg-0web (web): expected no port open to the world, but it opens tcp 443 to 0.0.0.0/0 and ::/0,"
                        + " tcp 80 to 0.0.0.0/0, tcp 22 to 0.0.0.0/0, all traffic to ::/0 (ec2:DescribeSecurityGroups)");
    }

    @Test
    void onlyTheListedPortsMayBeOpenToTheWorld() {
        assertFails(() -> assertThat(aws(environment).securityGroup("sg-0web")).hasNoPortOpenToTheWorldExcept(80, 443),
                "security group sg-0web (web): expected no port open to the world except 80, 443, but it also opens"
                        + " tcp 22 to 0.0.0.0/0, all traffic to ::/0 (ec2:DescribeSecurityGroups)");
    }

    @Test
    void aMissingGroupFails() {
        assertFails(() -> assertThat(aws(environment).securityGroup("sg-0gone")).hasNoPortOpenToTheWorld(),
                "security group sg-0gone: expected no port open to the world, but no security group sg-0gone exists in eu-west-1"
                        + " (ec2:DescribeSecurityGroups)");
    }

    @Test
    void anAmbiguousNameCouldNotBeChecked() {
        assertThatThrownBy(() -> assertThat(aws(environment).securityGroup("app")).hasNoPortOpenToTheWorld())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("security group app: several security groups are named app in eu-west-1: sg-0app1 (vpc-0prod),"
                        + " sg-0app2 (vpc-0stage); name the group by its id");
    }
}

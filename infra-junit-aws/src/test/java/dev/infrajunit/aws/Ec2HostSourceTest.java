package dev.infrajunit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentException;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostSelector;
import dev.infrajunit.testing.RecordedAwsServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hostSources: - ec2: ...} as the environment loader reads it: the real EC2 client, found
 * through {@link java.util.ServiceLoader}, against recorded EC2 query-protocol replies.
 */
class Ec2HostSourceTest {

    private static final String NEXT_TOKEN = "AAEAAZ1nZXh0LXBhZ2UtdG9rZW4tZm9yLXdlYg==";

    @RegisterExtension
    static final RecordedAwsServer ec2 = new RecordedAwsServer();

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private EnvironmentDefinition load(String hostSources) {
        return load("", hostSources);
    }

    private EnvironmentDefinition load(String hosts, String hostSources) {
        String yaml = """
                aws: { region: eu-west-1, endpoint: "%s" }
                roles:
                  web: { properties: { tier: front } }
                %s
                hostSources:
                %s""".formatted(ec2.endpoint(), hosts, hostSources.indent(2));
        return loader.parse(yaml, "staging", Optional.of(Path.of("staging.yaml")));
    }

    private void webTierInTwoPages() {
        ec2.onAction("DescribeInstances", request -> NEXT_TOKEN.equals(request.parameter("NextToken")), 200,
                "ec2/describe-instances-web-tier-page-2.xml");
        ec2.onAction("DescribeInstances", request -> request.parameter("NextToken") == null, 200,
                "ec2/describe-instances-web-tier-page-1.xml");
    }

    private static HostDefinition host(EnvironmentDefinition environment, String name) {
        return environment.hosts().stream().filter(host -> host.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void runningInstancesWithEveryTagBecomeHostsAcrossPages() {
        webTierInTwoPages();

        EnvironmentDefinition environment = load("""
                - ec2:
                    tags: { env: staging, tier: web }
                    roles: [web]
                """);

        // sorted by name; the instance without a Name tag is named by its id
        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("i-0web9a", "web-1", "web-2");
        assertThat(environment.hosts()).extracting(HostDefinition::address).containsExactly("10.0.1.29", "10.0.1.21", "10.0.1.22");
        HostDefinition web1 = host(environment, "web-1");
        assertThat(web1.roles()).containsExactly("web");
        assertThat(web1.transport()).isEqualTo("ssh");
        assertThat(web1.line()).isEqualTo(6);
        assertThat(web1.properties()).containsEntry("properties", Map.of("tier", "front"))
                .containsEntry("aws", Map.of("region", "eu-west-1", "endpoint", ec2.endpoint().toString(), "instanceId", "i-0web1"));
        assertThat(HostSelector.parse("role:web").select(environment.hosts())).hasSize(3);

        List<AwsRequest> requests = ec2.requests("DescribeInstances");
        assertThat(requests).hasSize(2);
        for (AwsRequest request : requests) {
            assertThat(request.filter("tag:env")).containsExactly("staging");
            assertThat(request.filter("tag:tier")).containsExactly("web");
            assertThat(request.filter("instance-state-name")).containsExactly("running");
            assertThat(request.header("Authorization")).contains("/eu-west-1/ec2/aws4_request");
        }
        assertThat(requests.get(0).parameter("NextToken")).isNull();
        assertThat(requests.get(1).parameter("NextToken")).isEqualTo(NEXT_TOKEN);
    }

    @Test
    void theEntrysRegionIsAskedAndGivenToItsHosts() {
        webTierInTwoPages();

        EnvironmentDefinition environment = load("""
                - ec2:
                    tags: { env: staging, tier: web }
                    region: eu-central-1
                    address: privateDns
                """);

        assertThat(ec2.requests("DescribeInstances")).allSatisfy(request ->
                assertThat(request.header("Authorization")).contains("/eu-central-1/ec2/aws4_request"));
        HostDefinition web2 = host(environment, "web-2");
        assertThat(web2.address()).isEqualTo("ip-10-0-1-22.eu-central-1.compute.internal");
        assertThat(web2.properties()).containsEntry("aws", Map.of("region", "eu-central-1",
                "endpoint", ec2.endpoint().toString(), "instanceId", "i-0web2"));
        assertThat(web2.roles()).isEmpty();
    }

    @Test
    void aHostWrittenUnderHostsWinsOverAnInstanceOfTheSameName() {
        webTierInTwoPages();

        EnvironmentDefinition environment = load("""
                hosts:
                  web-2: { address: 10.9.9.22, transport: local }
                """, """
                - ec2:
                    tags: { env: staging, tier: web }
                    roles: [web]
                """);

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("web-2", "i-0web9a", "web-1");
        HostDefinition web2 = environment.hosts().get(0);
        assertThat(web2.address()).isEqualTo("10.9.9.22");
        assertThat(web2.roles()).isEmpty();
        assertThat(web2.properties().get("aws")).isEqualTo(Map.of("region", "eu-west-1", "endpoint", ec2.endpoint().toString()));
    }

    @Test
    void anInstanceWithoutTheAddressAskedForIsReported() {
        webTierInTwoPages();

        assertThatThrownBy(() -> load("""
                - ec2:
                    tags: { env: staging, tier: web }
                    address: publicIp
                """))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("staging.yaml:6: hostSources[0] (ec2): could not discover hosts: EC2 instance i-0web9a"
                        + " in eu-west-1 has no public IP address (address: publicIp); choose another"
                        + " address, such as address: privateIp");
    }

    @Test
    void instancesThatWouldShareANameAreReported() {
        webTierInTwoPages();

        assertThatThrownBy(() -> load("""
                - ec2:
                    tags: { env: staging, tier: web }
                    nameTag: tier
                """))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("staging.yaml:6: hostSources[0]: two hosts would be named 'web': EC2 instance i-0web1"
                        + " (hostSources[0]) and EC2 instance i-0web2; a host name is unique, so list the one you mean"
                        + " under hosts:, or narrow the sources");
    }

    @Test
    void noMatchingInstanceIsNoHostAndNoError() {
        ec2.onAction("DescribeInstances", "ec2/describe-instances-none.xml");

        EnvironmentDefinition environment = load("""
                - ec2:
                    tags: { env: staging, tier: batch }
                    roles: [web]
                """);

        assertThat(environment.hosts()).isEmpty();
        assertThat(ec2.requests("DescribeInstances").get(0).filter("tag:tier")).containsExactly("batch");
    }

    @Test
    void anErrorReplyIsReportedAtTheEntryWithWhatToAllow() {
        ec2.onAction("DescribeInstances", request -> true, 403, "ec2/error-unauthorized-describe-instances.xml");

        assertThatThrownBy(() -> load("""
                - ec2:
                    tags: { env: staging, tier: web }
                """))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("staging.yaml:6: hostSources[0] (ec2): could not discover hosts: EC2 instances tagged"
                        + " env=staging, tier=web: AWS denied ec2:DescribeInstances in eu-west-1 (UnauthorizedOperation);"
                        + " allow ec2:DescribeInstances for the identity the checks run as")
                .extracting("line", "key").containsExactly(6, "hostSources[0]");
        assertThat(ec2.requests("DescribeInstances")).hasSize(1);
    }
}

package dev.infrajunit.aws.backup;

import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ebs} policies: the real EC2 client over HTTP against recorded EC2 query-protocol replies. */
class EbsSnapshotsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    @RegisterExtension
    static final RecordedAwsServer ec2 = new RecordedAwsServer();




    @Test
    void everyVolumeNeedsAYoungEnoughCompletedSnapshot() {
        ec2.onAction("DescribeInstances", "ec2/describe-instances-db-1.xml");
        ec2.onAction("DescribeSnapshots", request -> request.parameter("NextToken") == null, 200, "ec2/describe-snapshots-page-1.xml");
        ec2.onAction("DescribeSnapshots", request -> "page-2".equals(request.parameter("NextToken")), 200, "ec2/describe-snapshots-page-2.xml");

        assertThat(check("db-1", Map.of())).contains("db-1: 2 backup problems:\n"
                + "- expected a backup younger than 24h, but the newest completed snapshot of volume vol-0b (/dev/xvdf)"
                + " of instance i-0db1 is snap-0b2, 2d 3h old\n"
                + "- expected a backup younger than 24h, but volume vol-0c (/dev/xvdg) of instance i-0db1 has no completed snapshot");

        AwsRequest instances = ec2.requests("DescribeInstances").get(0);
        assertThat(instances.filter("tag:Name")).containsExactly("db-1");
        assertThat(instances.filter("instance-state-name")).containsExactly("pending", "running", "stopping", "stopped");
        List<AwsRequest> snapshots = ec2.requests("DescribeSnapshots");
        assertThat(snapshots).hasSize(2);
        for (AwsRequest request : snapshots) {
            assertThat(request.parameter("Owner.1")).isEqualTo("self");
            assertThat(request.parameter("Owner.2")).isNull();
            assertThat(request.filter("volume-id")).containsExactly("vol-0a", "vol-0b", "vol-0c");
            assertThat(request.filter("status")).containsExactly("completed");
        }
        assertThat(snapshots.get(1).parameter("NextToken")).isEqualTo("page-2");
    }

    @Test
    void anInstanceIdInTheEnvironmentWinsOverTheNameTag() {
        ec2.onAction("DescribeInstances", request -> "i-0db4".equals(request.parameter("InstanceId.1")), 200, "ec2/describe-instances-i-0db4.xml");
        ec2.onAction("DescribeSnapshots", request -> request.filter("volume-id").equals(List.of("vol-0d")), 200, "ec2/describe-snapshots-vol-0d.xml");

        assertThat(check("db-4", Map.of("instanceId", "i-0db4"))).isEmpty();
        assertThat(ec2.requests("DescribeInstances").get(0).filter("tag:Name")).isEmpty();
    }

    @Test
    void aHostWithoutInstanceFailsSayingHowItWasLookedFor() {
        ec2.onAction("DescribeInstances", "ec2/describe-instances-none.xml");

        assertThat(check("db-9", Map.of())).contains("db-9: expected a backup younger than 24h, but no EC2 instance is tagged"
                + " Name=db-9 in eu-west-1 (set aws.instanceId on the host if its Name tag differs)");
    }

    @Test
    void anUnknownInstanceIdFails() {
        ec2.onAction("DescribeInstances", request -> true, 400, "ec2/error-invalid-instance-id.xml");

        assertThat(check("db-9", Map.of("instanceId", "i-0gone"))).contains(
                "db-9: expected a backup younger than 24h, but no EC2 instance i-0gone exists in eu-west-1");
    }

    @Test
    void severalInstancesWithTheHostsNameCouldNotBeChecked() {
        ec2.onAction("DescribeInstances", "ec2/describe-instances-two-tagged.xml");

        assertThatThrownBy(() -> check("db-5", Map.of()))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-5: several EC2 instances are tagged Name=db-5 in eu-west-1: i-0old, i-0new;"
                        + " set aws.instanceId on the host to say which one it is");
    }

    @Test
    void accessDeniedNamesTheAction() {
        ec2.onAction("DescribeInstances", "ec2/describe-instances-db-1.xml");
        ec2.onAction("DescribeSnapshots", request -> true, 403, "ec2/error-unauthorized-operation.xml");

        assertThatThrownBy(() -> check("db-1", Map.of()))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-1: AWS denied ec2:DescribeSnapshots in eu-west-1 (UnauthorizedOperation);"
                        + " allow ec2:DescribeSnapshots for the identity the checks run as");
    }

    @Test
    void expiredCredentialsAreSaidSo() {
        ec2.onAction("DescribeInstances", request -> true, 400, "ec2/error-expired-token.xml");

        assertThatThrownBy(() -> check("db-1", Map.of()))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-1: AWS rejected ec2:DescribeInstances in eu-west-1: the credentials have expired (ExpiredToken);"
                        + " renew them");
    }

    @Test
    void aProfileWithoutCredentialsIsSaidSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
        java.nio.file.Path credentials = java.nio.file.Files.writeString(home.resolve("credentials"), "[production]\n");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            assertThatThrownBy(() -> check("db-1", Map.of("profile", "staging")))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("db-1: no AWS credentials for ec2:DescribeInstances: the profile staging (aws.profile) has none"
                            + " in ~/.aws/config or ~/.aws/credentials; add them, e.g. aws configure --profile staging");
            assertThat(ec2.requests()).isEmpty();
        } finally {
            System.clearProperty("aws.sharedCredentialsFile");
        }
    }

    @Test
    void throttlingIsRetriedThenReported() {
        ec2.onAction("DescribeInstances", "ec2/describe-instances-db-1.xml");
        ec2.onAction("DescribeSnapshots", request -> true, 503, "ec2/error-request-limit-exceeded.xml");

        assertThatThrownBy(() -> check("db-1", Map.of()))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-1: AWS throttled ec2:DescribeSnapshots in eu-west-1 (RequestLimitExceeded) after 3 attempts;"
                        + " run again later, or check fewer hosts at once");
        assertThat(ec2.requests("DescribeSnapshots")).hasSize(3);
    }

    private Optional<String> check(String host, Map<String, Object> aws) {
        Map<String, Object> hostAws = new java.util.HashMap<>(aws);
        RunEnvironment environment = ec2.environment(localHost(host, Map.of("backup", Map.of("ebs", true, "maxAge", "24h"), "aws", hostAws)));
        return BackupCheck.of(environment.host(host)).clock(CLOCK).failure();
    }
}

package dev.infrajunit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hostSources: - ebs: ...}: tagged EBS volumes become subjects, found with the real EC2 client
 * over recorded query-protocol replies, page by page, and each needs a recent snapshot of itself.
 */
class EbsHostSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final RecordedAwsServer ec2 = new RecordedAwsServer();

    private final EnvironmentLoader loader = new EnvironmentLoader(getClass().getClassLoader(), name -> null);

    private EnvironmentDefinition load() {
        ec2.onAction("DescribeVolumes", request -> request.parameter("NextToken") == null, 200,
                "ec2/describe-volumes-backup-page-1.xml");
        ec2.onAction("DescribeVolumes", request -> "dm9sLTBmLW5leHQtcGFnZQ==".equals(request.parameter("NextToken")), 200,
                "ec2/describe-volumes-backup-page-2.xml");
        String yaml = """
                aws: { region: eu-west-1, endpoint: "%s" }
                roles:
                  volume:
                    backup: { ebs: true, maxAge: 24h }
                hostSources:
                  - ebs: { tags: { backup: daily }, roles: [volume] }
                """.formatted(ec2.endpoint());
        return loader.parse(yaml, "prod", Optional.of(Path.of("prod.yaml")));
    }

    @Test
    void taggedVolumesAcrossPagesBecomeSubjectsWithoutAShell() {
        EnvironmentDefinition environment = load();

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("db-4-data", "vol-0f");
        HostDefinition data = environment.hosts().get(0);
        assertThat(data.transport()).isEqualTo("none");
        assertThat(data.address()).isEqualTo("vol-0d");
        assertThat(data.properties()).containsEntry("properties", Map.of("tags", Map.of("Name", "db-4-data",
                "backup", "daily"), "attachedTo", List.of("i-0db4"), "sizeGiB", 8));
        assertThat(ec2.requests("DescribeVolumes")).hasSize(2).allSatisfy(request -> {
            assertThat(request.parameter("Filter.1.Name")).isEqualTo("tag:backup");
            assertThat(request.parameter("Filter.1.Value.1")).isEqualTo("daily");
        });
    }

    @Test
    void eachVolumeNeedsARecentSnapshotOfItself() {
        EnvironmentDefinition definition = load();
        ec2.onAction("DescribeSnapshots", request -> "vol-0d".equals(request.parameter("Filter.1.Value.1")), 200,
                "ec2/describe-snapshots-vol-0d.xml");
        ec2.onAction("DescribeSnapshots", request -> "vol-0f".equals(request.parameter("Filter.1.Value.1")), 200,
                "ec2/describe-snapshots-none.xml");
        try (RunEnvironment run = new RunEnvironment(definition)) {
            assertThat(BackupCheck.of(run.host("db-4-data")).clock(CLOCK).failure()).isEmpty();
            assertThat(BackupCheck.of(run.host("vol-0f")).clock(CLOCK).failure()).contains("vol-0f: expected a backup"
                    + " younger than 24h, but volume vol-0f has no completed snapshot");
        }
    }
}

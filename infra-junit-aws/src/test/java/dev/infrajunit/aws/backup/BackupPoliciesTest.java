package dev.infrajunit.aws.backup;

import static dev.infrajunit.testing.TestEnvironments.environment;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.backup.BackupKind;
import dev.infrajunit.backup.BackupPolicies;
import dev.infrajunit.backup.BackupPolicy;
import dev.infrajunit.runtime.RunEnvironment;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackupPoliciesTest {

    private RunEnvironment environment;

    @AfterEach
    void close() {
        environment.close();
    }

    @Test
    void readsOnePolicyOrAList() {
        assertThat(BackupPolicies.of(host(Map.of("files", "/var/backups/*.dump", "maxAge", "24h", "minSize", "1.2 GB",
                "verify", "gzip -t {0}", "privileged", true))))
                .containsExactly(new BackupPolicy(BackupKind.FILES, "/var/backups/*.dump", Optional.of(Duration.ofHours(24)),
                        OptionalLong.of(1_200_000_000L), Optional.of("gzip -t {0}"), true, ZoneOffset.UTC));
        assertThat(BackupPolicies.of(host(List.of(
                Map.of("s3", "s3://acme/db-2/{yyyy}/{MM}/{dd}/", "maxAge", "26h", "timeZone", "Europe/Berlin"),
                Map.of("ebs", true, "maxAge", "2d"),
                Map.of("rds", "orders-db", "maxAge", "PT24H"),
                Map.of("awsBackup", "arn:aws:ec2:eu-west-1:123456789012:volume/vol-1", "maxAge", "7d", "minSize", 1000)))))
                .extracting(BackupPolicy::describe, BackupPolicy::maxAge, BackupPolicy::minSize, BackupPolicy::timeZone)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s3 s3://acme/db-2/{yyyy}/{MM}/{dd}/", Optional.of(Duration.ofHours(26)), OptionalLong.empty(), ZoneId.of("Europe/Berlin")),
                        org.assertj.core.groups.Tuple.tuple("ebs true", Optional.of(Duration.ofDays(2)), OptionalLong.empty(), ZoneOffset.UTC),
                        org.assertj.core.groups.Tuple.tuple("rds orders-db", Optional.of(Duration.ofHours(24)), OptionalLong.empty(), ZoneOffset.UTC),
                        org.assertj.core.groups.Tuple.tuple("awsBackup arn:aws:ec2:eu-west-1:123456789012:volume/vol-1", Optional.of(Duration.ofDays(7)), OptionalLong.of(1000), ZoneOffset.UTC));
    }

    @Test
    void malformedPoliciesNameTheHostThePolicyAndTheKey() {
        assertInvalid(Map.of("files", "/b/*.dump", "maxage", "24h"),
                "db-2: backup (files): unknown key 'maxage'; a files policy knows files, maxAge, minSize, privileged, verify");
        assertInvalid(List.of(Map.of("files", "/b/*.dump"), Map.of("files", "/c/*", "s3", "s3://b/")),
                "db-2: backup[1] must have exactly one of the keys files, s3, ebs, rds, awsBackup, job, but has 2: [files, s3]");
        assertInvalid(Map.of("maxAge", "24h"),
                "db-2: backup must have exactly one of the keys files, s3, ebs, rds, awsBackup, job, but has none");
        assertInvalid("/var/backups/*.dump",
                "db-2: backup must be a policy such as {files: /var/backups/*.dump, maxAge: 24h}, or a list of them,"
                        + " but is the string '/var/backups/*.dump'");
        assertInvalid(Map.of("ebs", true, "minSize", "1GB"),
                "db-2: backup (ebs true): minSize applies to files, s3 and awsBackup policies; ebs snapshots report no backup size");
        assertInvalid(Map.of("files", "/b/*.gz", "verify", "gzip -t"),
                "db-2: backup (files /b/*.gz): verify must name the file as {0}, e.g. verify: gzip -t {0}");
        assertInvalid(Map.of("files", "/b/*.gz", "verify", "cmp {0} {1}"),
                "db-2: backup (files /b/*.gz): verify may refer only to {0}, the newest file");
        assertInvalid(Map.of("files", "/b/*.gz", "maxAge", "one day"),
                "db-2: backup (files /b/*.gz): maxAge 'one day' is not a duration; write it like 30s, 90m, 24h, 2d, 1h30m, 500ms or ISO-8601 PT24H");
        assertInvalid(Map.of("files", "/b/*.gz", "minSize", "huge"),
                "db-2: backup (files /b/*.gz): minSize 'huge' is not a size; write it like 512B, 100KB, 1MB, 1.2 GB or 10GiB");
        assertInvalid(Map.of("s3", "acme-backups/db-2/"),
                "db-2: backup: s3 must be a URL like s3://bucket/prefix/, but is 'acme-backups/db-2/'");
        assertInvalid(Map.of("awsBackup", "vol-1"),
                "db-2: backup: awsBackup must be the ARN of the protected resource, e.g."
                        + " arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0, but is 'vol-1'");
        assertInvalid(Map.of("rds", ""), "db-2: backup: rds needs a value, e.g. rds: my-db-instance");
        assertInvalid(Map.of("s3", "s3://b/", "timeZone", "Mars/Olympus"),
                "db-2: backup (s3 s3://b/): timeZone 'Mars/Olympus' is not a time zone; write it like UTC or Europe/Berlin");
        assertInvalid(Map.of("files", "/b/*", "privileged", "sometimes"),
                "db-2: backup (files /b/*): privileged must be true or false, but is 'sometimes'");
    }

    @Test
    void aHostWithoutPolicyFailsShowingHowToDeclareOne() {
        environment = environment(localHost("db-2", List.of("database", "primary"), Map.of()));

        assertThat(BackupCheck.of(environment.host("db-2")).failure()).contains("""
                db-2: expected a recent backup, but db-2 has no backup policy; declare one in the environment file, \
                under the host or one of its roles (database, primary), e.g.:
                  hosts:
                    db-2:
                      backup:
                        files: /var/backups/*.dump
                        maxAge: 24h""");
    }

    @Test
    void checkingOneKindFailsWhenTheHostHasNoneOfThatKind() {
        Host host = host(Map.of("files", "/var/backups/*.dump", "maxAge", "24h"));

        assertThat(BackupCheck.of(host).only(BackupKind.S3).failure()).contains("""
                db-2: expected a recent s3 backup, but db-2 has no s3 backup policy (it has: files /var/backups/*.dump); \
                declare one in the environment file, under the host, e.g.:
                  hosts:
                    db-2:
                      backup:
                        - s3: s3://my-backups/${host}/
                          maxAge: 24h""");
    }

    @Test
    void aPolicyWithoutMaxAgeNeedsOneFromTheCheck() {
        Host host = host(Map.of("files", "/var/backups/*.dump"));

        assertThatThrownBy(() -> BackupCheck.of(host).failure())
                .isInstanceOf(InfraException.class)
                .hasMessage("db-2: backup policy files /var/backups/*.dump has no maxAge; add one to it (maxAge: 24h),"
                        + " or pass one: hasRecentBackup(Duration.ofHours(24))");
    }

    private void assertInvalid(Object policy, String message) {
        Host host = host(policy);
        assertThatThrownBy(() -> BackupPolicies.of(host)).isInstanceOf(InfraException.class).hasMessage(message);
    }

    private Host host(Object policy) {
        if (environment != null) {
            environment.close();
        }
        environment = environment(localHost("db-2", Map.of("backup", policy)));
        return environment.host("db-2");
    }
}

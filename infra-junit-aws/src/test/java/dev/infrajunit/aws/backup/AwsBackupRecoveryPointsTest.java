package dev.infrajunit.aws.backup;

import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code awsBackup} policies: the real AWS Backup client over HTTP against recorded REST-JSON replies. */
class AwsBackupRecoveryPointsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final String ORDERS_DB = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    private static final String VOLUME = "arn:aws:ec2:us-east-2:123456789012:volume/vol-0123456789abcdef0";
    @RegisterExtension
    static final RecordedAwsServer backup = new RecordedAwsServer();




    @Test
    void theNewestCompletedRecoveryPointCountsAcrossPages() {
        reply(recoveryPointsOf(ORDERS_DB).and(request -> request.parameter("nextToken") == null), 200, "recovery-points-orders-db-page-1.json");
        reply(recoveryPointsOf(ORDERS_DB).and(request -> "AAMA-EFRSHgwP2-page-2".equals(request.parameter("nextToken"))), 200,
                "recovery-points-orders-db-page-2.json");

        assertThat(check(ORDERS_DB, "24h", Optional.of("1GB"))).isEmpty();
        assertThat(backup.requests()).hasSize(2).allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
    }

    @Test
    void aStaleRecoveryPointFailsWithItsAgeAndSize() {
        reply(recoveryPointsOf(VOLUME), 200, "recovery-points-vol-stale.json");

        assertThat(check(VOLUME, "24h", Optional.empty())).contains("db-2: expected a backup younger than 24h, but the newest"
                + " completed recovery point of " + VOLUME + " is arn:aws:ec2:us-east-2::snapshot/snap-0a9b8c7d6e5f40312,"
                + " 2d 3h old (1.2 GB)");
        // Asked in the ARN's region, not the environment's.
        assertThat(backup.requests().get(0).header("Authorization")).contains("/us-east-2/backup/aws4_request");
    }

    @Test
    void aTooSmallRecoveryPointFails() {
        reply(recoveryPointsOf(VOLUME), 200, "recovery-points-vol-stale.json");

        assertThat(check(VOLUME, "3d", Optional.of("2GB"))).contains("db-2: expected a backup of at least 2 GB, but the newest"
                + " completed recovery point of " + VOLUME + " is arn:aws:ec2:us-east-2::snapshot/snap-0a9b8c7d6e5f40312,"
                + " only 1.2 GB (2d 3h old)");
    }

    @Test
    void noRecoveryPointFails() {
        reply(recoveryPointsOf(ORDERS_DB), 200, "recovery-points-none.json");

        assertThat(check(ORDERS_DB, "24h", Optional.empty())).contains(
                "db-2: expected a backup younger than 24h, but " + ORDERS_DB + " has no completed recovery point in AWS Backup");
    }

    @Test
    void expiredCredentialsAreSaidSo() {
        backup.on(recoveryPointsOf(ORDERS_DB), 403, "backup/error-expired-token.json", "application/json",
                Map.of("x-amzn-ErrorType", "ExpiredTokenException"));

        assertThatThrownBy(() -> check(ORDERS_DB, "24h", Optional.empty()))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-2: AWS rejected backup:ListRecoveryPointsByResource in eu-west-1: the credentials have expired"
                        + " (ExpiredTokenException); renew them");
    }

    @Test
    void throttlingIsRetriedThenReported() {
        backup.on(recoveryPointsOf(ORDERS_DB), 400, "backup/error-throttling.json", "application/json",
                Map.of("x-amzn-ErrorType", "ThrottlingException"));

        assertThatThrownBy(() -> check(ORDERS_DB, "24h", Optional.empty()))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("db-2: AWS throttled backup:ListRecoveryPointsByResource in eu-west-1 (ThrottlingException)"
                        + " after 3 attempts; run again later, or check fewer hosts at once");
        assertThat(backup.requests()).hasSize(3);
    }

    private static Predicate<AwsRequest> recoveryPointsOf(String arn) {
        return request -> URLDecoder.decode(request.path(), StandardCharsets.UTF_8).equals("/resources/" + arn + "/recovery-points/");
    }

    private static void reply(Predicate<AwsRequest> matches, int status, String resource) {
        backup.on(matches, status, "backup/" + resource, "application/json", Map.of());
    }

    private Optional<String> check(String arn, String maxAge, Optional<String> minSize) {
        Map<String, Object> policy = new java.util.HashMap<>(Map.of("awsBackup", arn, "maxAge", maxAge));
        minSize.ifPresent(size -> policy.put("minSize", size));
        RunEnvironment environment = backup.environment(localHost("db-2", Map.of("backup", policy)));
        return BackupCheck.of(environment.host("db-2")).clock(CLOCK).failure();
    }
}

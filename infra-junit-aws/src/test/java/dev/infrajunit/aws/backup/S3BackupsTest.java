package dev.infrajunit.aws.backup;

import static dev.infrajunit.testing.TestEnvironments.environment;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.S3ProxyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code s3} policies against S3Proxy on 127.0.0.1, through the real SDK. */
class S3BackupsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String BUCKET = "acme-backups";

    private static Path root;
    private static S3ProxyStore store;
    private RunEnvironment environment;

    @BeforeAll
    static void startStore() throws Exception {
        root = Files.createTempDirectory("s3-store");
        store = new S3ProxyStore(root);
        store.createBucket(BUCKET);
        store.put(BUCKET, "fresh/db-1-2026-11-29.dump", 2_000_000, NOW.minus(Duration.ofHours(3)));
        store.put(BUCKET, "fresh/db-1-2026-11-28.dump", 2_000_000, NOW.minus(Duration.ofHours(27)));
        store.put(BUCKET, "stale/db-2-2026-11-26.dump", 1_100_000_000L, NOW.minus(Duration.ofDays(3)));
        store.put(BUCKET, "stale/db-2-2026-11-27.dump", 1_200_000_000L, NOW.minus(Duration.ofDays(2).plusHours(3)));
        store.put(BUCKET, "stale/db-2-2026-11-25.dump", 1_000_000_000L, NOW.minus(Duration.ofDays(4)));
        store.put(BUCKET, "small/db-4.dump", 512, NOW.minus(Duration.ofHours(1)));
        store.createBucket("empty-bucket");
        // More than one page of ListObjectsV2 (1,000 keys); the newest key sorts after the first page.
        for (int i = 0; i < 1500; i++) {
            store.put(BUCKET, String.format("large/obj-%04d.dump", i), 100, NOW.minus(Duration.ofDays(10)).plusSeconds(i));
        }
        store.put(BUCKET, "large/obj-1234.dump", 100, NOW.minus(Duration.ofDays(2).plusHours(3)));
        // Date-structured prefixes: one object per day for three weeks of October and November.
        for (int day = 1; day <= 27; day++) {
            store.put(BUCKET, String.format("dated/2026/11/%02d/db-3.dump", day), 10,
                    Instant.parse(String.format("2026-11-%02dT01:00:00Z", day)));
        }
        // Under a day prefix outside the window: a listing of the whole prefix would pick it.
        store.put(BUCKET, "dated/2026/10/01/misfiled.dump", 10, NOW.minus(Duration.ofHours(1)));
        store.put(BUCKET, "gap/2026/11/20/db-5.dump", 10, NOW.minus(Duration.ofDays(9).plusHours(4)));
    }

    @AfterAll
    static void stopStore() throws Exception {
        store.close();
    }

    @AfterEach
    void close() {
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void aFreshObjectHolds() {
        assertThat(check(Map.of("s3", "s3://acme-backups/fresh/", "maxAge", "24h"))).isEmpty();
    }

    @Test
    void aStaleObjectFailsNamingTheNewestKeyItsAgeAndSize() {
        assertThat(check(Map.of("s3", "s3://acme-backups/stale/", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but the newest of s3://acme-backups/stale/ is db-2-2026-11-27.dump,"
                        + " 2d 3h old (1.2 GB)");
    }

    @Test
    void anEmptyPrefixFails() {
        assertThat(check(Map.of("s3", "s3://acme-backups/db-9/", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but nothing is stored under s3://acme-backups/db-9/");
        assertThat(check(Map.of("s3", "s3://empty-bucket", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but nothing is stored under s3://empty-bucket");
    }

    @Test
    void aMissingBucketFails() {
        assertThat(check(Map.of("s3", "s3://no-such-bucket/db-2/", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but the bucket no-such-bucket does not exist");
    }

    @Test
    void aTooSmallObjectFails() {
        assertThat(check(Map.of("s3", "s3://acme-backups/small/", "maxAge", "24h", "minSize", "1MB"))).contains(
                "db-2: expected a backup of at least 1 MB, but the newest of s3://acme-backups/small/ is db-4.dump, only 512 B (1h old)");
    }

    @Test
    void everyPageOfALargePrefixIsListed() {
        assertThat(check(Map.of("s3", "s3://acme-backups/large/", "maxAge", "24h"))).contains(
                "db-2: expected a backup younger than 24h, but the newest of s3://acme-backups/large/ is obj-1234.dump,"
                        + " 2d 3h old (100 B)");
    }

    @Test
    void aDateStructuredPrefixListsOnlyTheDaysThatCanHoldAFreshBackup() {
        assertThat(check(Map.of("s3", "s3://acme-backups/dated/{yyyy}/{MM}/{dd}/", "maxAge", "26h"))).contains(
                "db-2: expected a backup younger than 26h, but the newest of s3://acme-backups/dated/{yyyy}/{MM}/{dd}/"
                        + " is 2026/11/27/db-3.dump, 2d 11h old (10 B)");
        assertThat(check(Map.of("s3", "s3://acme-backups/dated/{yyyy}/{MM}/{dd}/", "maxAge", "3d"))).isEmpty();
    }

    @Test
    void aDateStructuredPrefixLooksFurtherBackOnlyToSayHowOldTheNewestIs() {
        assertThat(check(Map.of("s3", "s3://acme-backups/gap/{yyyy}/{MM}/{dd}/", "maxAge", "26h"))).contains(
                "db-2: expected a backup younger than 26h, but the newest of s3://acme-backups/gap/{yyyy}/{MM}/{dd}/"
                        + " is 2026/11/20/db-5.dump, 9d 4h old (10 B)");
        assertThat(check(Map.of("s3", "s3://acme-backups/none/{yyyy}/{MM}/{dd}/", "maxAge", "26h"))).contains(
                "db-2: expected a backup younger than 26h, but nothing is stored under"
                        + " s3://acme-backups/none/{yyyy}/{MM}/{dd}/ for any day from 2026-10-27 to 2026-11-30");
    }

    @Test
    void aMonthlyPrefixIsListedOncePerMonth() {
        assertThat(check(Map.of("s3", "s3://acme-backups/dated/{yyyy}/{MM}/", "maxAge", "26h"))).contains(
                "db-2: expected a backup younger than 26h, but the newest of s3://acme-backups/dated/{yyyy}/{MM}/"
                        + " is 2026/11/27/db-3.dump, 2d 11h old (10 B)");
    }

    @Test
    void credentialsTheStoreRejectsCouldNotBeChecked(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        Path credentials = Files.writeString(home.resolve("credentials"),
                "[staging]\naws_access_key_id = AKIAWRONGWRONGWRONG1\naws_secret_access_key = wrong\n");
        String previous = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            assertThatThrownBy(() -> check(Map.of("s3", "s3://acme-backups/fresh/", "maxAge", "24h"), Map.of("profile", "staging")))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("db-2: AWS rejected the credentials for s3:ListBucket in us-east-1 (InvalidAccessKeyId: ")
                    .hasMessageEndingWith("); check the profile staging");
        } finally {
            if (previous == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", previous);
            }
        }
    }

    private Optional<String> check(Map<String, Object> policy) {
        return check(policy, Map.of());
    }

    private Optional<String> check(Map<String, Object> policy, Map<String, Object> aws) {
        Map<String, Object> settings = new HashMap<>(Map.of("region", "us-east-1", "endpoint", store.endpoint().toString()));
        settings.putAll(aws);
        environment = environment(Map.of("aws", settings), localHost("db-2", Map.of("backup", policy)));
        return BackupCheck.of(environment.host("db-2")).clock(Clock.fixed(NOW, ZoneOffset.UTC)).failure();
    }
}

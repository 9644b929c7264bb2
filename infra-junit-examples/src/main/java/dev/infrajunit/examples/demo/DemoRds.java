package dev.infrajunit.examples.demo;

import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.embedded.aws.AwsStandIn;
import dev.infrajunit.embedded.aws.RdsStandIn;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The demo account's RDS databases, which the {@code rds} host source finds through the AWS SDK:
 * nothing can run RDS here, so a local stand-in answers in RDS's own wire format. Two of them are
 * backed up every night, as RDS does on its own: the {@code orders-db} instance and the
 * {@code catalog-aurora} cluster (its member instance is left out, the cluster holds the backups).
 * The story is {@code reports-db}: its storage filled up two days ago, and RDS takes no backups of
 * an instance whose storage is full, so its newest automated snapshot is two days old.
 */
final class DemoRds implements AutoCloseable {

    /** The account the demo's databases belong to. */
    static final String ACCOUNT_ID = "123456789012";

    /** A small page, so that finding every database takes more than one page, as in a real account. */
    private static final int PAGE_SIZE = 2;

    private final AwsStandIn standIn;

    private DemoRds(AwsStandIn standIn) {
        this.standIn = standIn;
    }

    static DemoRds start(String region) throws IOException {
        AwsStandIn standIn = AwsStandIn.start();
        Instant now = Instant.now();
        Instant fiveMinutesAgo = now.minus(Duration.ofMinutes(5));
        Duration sinceStorageFull = Duration.ofHours(51).plusMinutes(10);
        Instant storageFull = now.minus(sinceStorageFull);
        new RdsStandIn(standIn, region, ACCOUNT_ID, PAGE_SIZE)
                .add(new RdsStandIn.Instance("orders-db", "postgres", "available", null, 7, fiveMinutesAgo,
                        Map.of("team", "orders"), nightly(now, Duration.ofHours(4))))
                .add(new RdsStandIn.Instance("reports-db", "mysql", "storage-full", null, 7, storageFull,
                        Map.of("team", "analytics"), nightly(now, sinceStorageFull)))
                .add(new RdsStandIn.Cluster("catalog-aurora", "aurora-postgresql", 7, fiveMinutesAgo, List.of("catalog-aurora-1"),
                        Map.of("team", "catalog"), nightly(now, Duration.ofHours(6))))
                .add(new RdsStandIn.Instance("catalog-aurora-1", "aurora-postgresql", "available", "catalog-aurora", 7, null,
                        Map.of("team", "catalog"), List.of()));
        return new DemoRds(standIn);
    }

    /** Three nightly automated snapshots, the newest {@code age} old. */
    private static List<Instant> nightly(Instant now, Duration age) {
        Instant newest = now.minus(age);
        return List.of(newest.minus(Duration.ofDays(2)), newest.minus(Duration.ofDays(1)), newest);
    }

    URI endpoint() {
        return standIn.endpoint();
    }

    List<AwsRequest> requests(String action) {
        return standIn.requests(action);
    }

    @Override
    public void close() {
        standIn.close();
    }
}

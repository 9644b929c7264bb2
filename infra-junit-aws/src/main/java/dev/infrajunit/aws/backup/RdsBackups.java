package dev.infrajunit.aws.backup;

import dev.infrajunit.Durations;
import dev.infrajunit.Host;
import dev.infrajunit.aws.AwsCall;
import dev.infrajunit.aws.AwsClients;
import dev.infrajunit.aws.AwsContext;
import dev.infrajunit.backup.BackupExpectation;
import dev.infrajunit.backup.BackupPolicy;
import dev.infrajunit.backup.FoundBackup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * {@code rds} policies: a DB instance or an Aurora cluster by identifier (an Aurora member
 * instance stands for its cluster). Automated backups must be on (BackupRetentionPeriod above 0),
 * the newest available automated snapshot must be younger than maxAge, and so must
 * LatestRestorableTime, which stops advancing when transaction log backups stop. RDS takes
 * automated backups only while a database is available (not while its storage is full, for
 * instance), so a stale backup of one that is not says so.
 */
final class RdsBackups {

    /** What both instances and clusters report about their backups. */
    private record Subject(String label, String status, Integer retentionDays, Instant latestRestorable,
                           Supplier<Optional<FoundBackup>> newestAutomatedSnapshot) {
    }

    private final Host host;

    RdsBackups(Host host) {
        this.host = host;
    }

    List<String> problems(BackupPolicy policy, BackupExpectation expectation) {
        AwsContext context = AwsContext.of(host);
        RdsClient rds = AwsCall.run(context, host.name(), "rds:DescribeDBInstances", () -> AwsClients.rds(context));
        String id = policy.target();
        Optional<DBInstance> instance = instance(context, rds, id);
        Optional<Subject> subject;
        if (instance.isPresent() && instance.get().dbClusterIdentifier() == null) {
            subject = instance.map(found -> instanceSubject(context, rds, found));
        } else {
            String clusterId = instance.map(DBInstance::dbClusterIdentifier).orElse(id);
            subject = cluster(context, rds, clusterId).map(found -> clusterSubject(context, rds, found));
        }
        if (subject.isEmpty()) {
            return List.of(expectation.butFound("no RDS DB instance or cluster is named " + id + " in " + context.regionLabel()));
        }
        if (subject.get().retentionDays() == null || subject.get().retentionDays() == 0) {
            return List.of(expectation.butFound("automated backups are off for " + subject.get().label() + " (BackupRetentionPeriod 0)"));
        }
        return staleness(subject.get(), expectation).map(problem -> problem + whyNone(subject.get())).map(List::of).orElse(List.of());
    }

    private static String whyNone(Subject subject) {
        return subject.status() == null || subject.status().equals("available") ? ""
                : "; it is " + subject.status() + ", and RDS takes automated backups only while a database is available";
    }

    private static Optional<String> staleness(Subject subject, BackupExpectation expectation) {
        Optional<FoundBackup> snapshot = subject.newestAutomatedSnapshot().get();
        if (snapshot.isEmpty()) {
            return Optional.of(expectation.butFound(subject.label() + " has no available automated snapshot"));
        }
        Optional<String> stale = expectation.problemWith("the newest automated snapshot of " + subject.label(), snapshot.get());
        if (stale.isPresent()) {
            return stale;
        }
        Instant restorable = subject.latestRestorable();
        if (restorable == null) {
            return Optional.of(expectation.butFound(subject.label() + " reports no LatestRestorableTime"));
        }
        if (!expectation.isFresh(restorable)) {
            return Optional.of(expectation.butFound(subject.label() + " can be restored only to "
                    + restorable.truncatedTo(ChronoUnit.SECONDS) + ", " + Durations.format(expectation.age(restorable))
                    + " ago (LatestRestorableTime)"));
        }
        return Optional.empty();
    }

    private Optional<DBInstance> instance(AwsContext context, RdsClient rds, String id) {
        return AwsCall.run(context, host.name(), "rds:DescribeDBInstances", () -> {
            try {
                return rds.describeDBInstances(request -> request.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
            } catch (DbInstanceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<DBCluster> cluster(AwsContext context, RdsClient rds, String id) {
        return AwsCall.run(context, host.name(), "rds:DescribeDBClusters", () -> {
            try {
                return rds.describeDBClusters(request -> request.dbClusterIdentifier(id)).dbClusters().stream().findFirst();
            } catch (DbClusterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private Subject instanceSubject(AwsContext context, RdsClient rds, DBInstance instance) {
        String id = instance.dbInstanceIdentifier();
        return new Subject("RDS instance " + id, instance.dbInstanceStatus(), instance.backupRetentionPeriod(), instance.latestRestorableTime(),
                () -> AwsCall.run(context, host.name(), "rds:DescribeDBSnapshots", () -> rds
                        .describeDBSnapshotsPaginator(request -> request.dbInstanceIdentifier(id).snapshotType("automated"))
                        .dbSnapshots().stream()
                        .filter(snapshot -> "available".equals(snapshot.status()) && snapshot.snapshotCreateTime() != null)
                        .map(snapshot -> new FoundBackup(snapshot.dbSnapshotIdentifier(), snapshot.snapshotCreateTime(), OptionalLong.empty()))
                        .max(Comparator.comparing(FoundBackup::time))));
    }

    private Subject clusterSubject(AwsContext context, RdsClient rds, DBCluster cluster) {
        String id = cluster.dbClusterIdentifier();
        return new Subject("RDS cluster " + id, cluster.status(), cluster.backupRetentionPeriod(), cluster.latestRestorableTime(),
                () -> AwsCall.run(context, host.name(), "rds:DescribeDBClusterSnapshots", () -> rds
                        .describeDBClusterSnapshotsPaginator(request -> request.dbClusterIdentifier(id).snapshotType("automated"))
                        .dbClusterSnapshots().stream()
                        .filter(snapshot -> "available".equals(snapshot.status()) && snapshot.snapshotCreateTime() != null)
                        .map(snapshot -> new FoundBackup(snapshot.dbClusterSnapshotIdentifier(), snapshot.snapshotCreateTime(), OptionalLong.empty()))
                        .max(Comparator.comparing(FoundBackup::time))));
    }
}

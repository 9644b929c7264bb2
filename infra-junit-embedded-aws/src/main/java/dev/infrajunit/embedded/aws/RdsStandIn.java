package dev.infrajunit.embedded.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An account's RDS databases served over a stand-in, in RDS's query protocol (XML, API version
 * 2014-10-31): {@code DescribeDBInstances} and {@code DescribeDBClusters}, all of them page by page
 * ({@code Marker}, {@code MaxRecords}) or one by identifier (else RDS's not-found fault), and
 * {@code DescribeDBSnapshots} and {@code DescribeDBClusterSnapshots} of one database, page by page.
 * Only automated snapshots are kept, all of them available, named as RDS names them
 * ({@code rds:<id>-yyyy-MM-dd-HH-mm}). Without {@code MaxRecords}, a page holds {@code pageSize}
 * entries (RDS itself: 100), so that a small account still takes more than one page.
 */
public final class RdsStandIn {

    private static final String NAMESPACE = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm").withZone(ZoneOffset.UTC);

    /**
     * A DB instance; {@code cluster} is the Aurora cluster it belongs to, or null. Its automated
     * snapshots were taken at {@code snapshots}, and it can be restored to {@code latestRestorable}.
     */
    public record Instance(String id, String engine, String status, String cluster, int retentionDays,
                           Instant latestRestorable, Map<String, String> tags, List<Instant> snapshots) {
    }

    /** An Aurora cluster, its members by identifier, and its automated cluster snapshots. */
    public record Cluster(String id, String engine, int retentionDays, Instant latestRestorable, List<String> members,
                          Map<String, String> tags, List<Instant> snapshots) {
    }

    private final String region;
    private final String accountId;
    private final int pageSize;
    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final List<Cluster> clusters = new CopyOnWriteArrayList<>();

    /** Serves this account's databases in {@code region} from {@code standIn}. */
    public RdsStandIn(AwsStandIn standIn, String region, String accountId, int pageSize) {
        this.region = region;
        this.accountId = accountId;
        this.pageSize = pageSize;
        standIn.onAction("DescribeDBInstances", request -> true, this::describeInstances);
        standIn.onAction("DescribeDBClusters", request -> true, this::describeClusters);
        standIn.onAction("DescribeDBSnapshots", request -> true, this::describeSnapshots);
        standIn.onAction("DescribeDBClusterSnapshots", request -> true, this::describeClusterSnapshots);
    }

    public RdsStandIn add(Instance instance) {
        instances.add(instance);
        return this;
    }

    public RdsStandIn add(Cluster cluster) {
        clusters.add(cluster);
        return this;
    }

    private AwsReply describeInstances(AwsRequest request) {
        String id = request.parameter("DBInstanceIdentifier");
        List<Instance> sorted = instances.stream().sorted(Comparator.comparing(Instance::id)).toList();
        if (id != null) {
            sorted = sorted.stream().filter(instance -> instance.id().equals(id)).toList();
            if (sorted.isEmpty()) {
                return fault("DBInstanceNotFound", "DBInstance " + id + " not found.");
            }
        }
        return page("DescribeDBInstances", "DBInstances", sorted, Instance::id, this::instanceXml, request);
    }

    private AwsReply describeClusters(AwsRequest request) {
        String id = request.parameter("DBClusterIdentifier");
        List<Cluster> sorted = clusters.stream().sorted(Comparator.comparing(Cluster::id)).toList();
        if (id != null) {
            sorted = sorted.stream().filter(cluster -> cluster.id().equals(id)).toList();
            if (sorted.isEmpty()) {
                return fault("DBClusterNotFoundFault", "DBCluster " + id + " not found.");
            }
        }
        return page("DescribeDBClusters", "DBClusters", sorted, Cluster::id, this::clusterXml, request);
    }

    private record Snapshot(String id, String of, String engine, Instant created) {
    }

    private AwsReply describeSnapshots(AwsRequest request) {
        String id = request.parameter("DBInstanceIdentifier");
        List<Snapshot> snapshots = instances.stream()
                .filter(instance -> instance.id().equals(id) && automatedAsked(request))
                .flatMap(instance -> snapshots(instance.id(), instance.engine(), instance.snapshots()).stream())
                .toList();
        return page("DescribeDBSnapshots", "DBSnapshots", snapshots, Snapshot::id, snapshot -> """
                <DBSnapshot>
                  <DBSnapshotIdentifier>%s</DBSnapshotIdentifier>
                  <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                  <SnapshotCreateTime>%s</SnapshotCreateTime>
                  <Engine>%s</Engine>
                  <Status>available</Status>
                  <SnapshotType>automated</SnapshotType>
                  <DBSnapshotArn>%s</DBSnapshotArn>
                </DBSnapshot>
                """.formatted(text(snapshot.id()), text(snapshot.of()), snapshot.created(), text(snapshot.engine()),
                text(arn("snapshot", snapshot.id()))), request);
    }

    private AwsReply describeClusterSnapshots(AwsRequest request) {
        String id = request.parameter("DBClusterIdentifier");
        List<Snapshot> snapshots = clusters.stream()
                .filter(cluster -> cluster.id().equals(id) && automatedAsked(request))
                .flatMap(cluster -> snapshots(cluster.id(), cluster.engine(), cluster.snapshots()).stream())
                .toList();
        return page("DescribeDBClusterSnapshots", "DBClusterSnapshots", snapshots, Snapshot::id, snapshot -> """
                <DBClusterSnapshot>
                  <DBClusterSnapshotIdentifier>%s</DBClusterSnapshotIdentifier>
                  <DBClusterIdentifier>%s</DBClusterIdentifier>
                  <SnapshotCreateTime>%s</SnapshotCreateTime>
                  <Engine>%s</Engine>
                  <Status>available</Status>
                  <SnapshotType>automated</SnapshotType>
                  <DBClusterSnapshotArn>%s</DBClusterSnapshotArn>
                </DBClusterSnapshot>
                """.formatted(text(snapshot.id()), text(snapshot.of()), snapshot.created(), text(snapshot.engine()),
                text(arn("cluster-snapshot", snapshot.id()))), request);
    }

    /** Only automated snapshots are kept: a request for another type finds none. */
    private static boolean automatedAsked(AwsRequest request) {
        String type = request.parameter("SnapshotType");
        return type == null || type.equals("automated");
    }

    private static List<Snapshot> snapshots(String of, String engine, List<Instant> times) {
        return times.stream().sorted()
                .map(time -> new Snapshot("rds:" + of + "-" + SNAPSHOT_TIME.format(time), of, engine,
                        time.truncatedTo(ChronoUnit.SECONDS)))
                .toList();
    }

    private String instanceXml(Instance instance) {
        return """
                <DBInstance>
                  <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                  <DBInstanceClass>db.t4g.medium</DBInstanceClass>
                  <Engine>%s</Engine>
                  <DBInstanceStatus>%s</DBInstanceStatus>
                %s  <Endpoint>
                    <Address>%s</Address>
                    <Port>5432</Port>
                  </Endpoint>
                  <BackupRetentionPeriod>%d</BackupRetentionPeriod>
                %s  <DBInstanceArn>%s</DBInstanceArn>
                  <TagList>
                %s  </TagList>
                </DBInstance>
                """.formatted(text(instance.id()), text(instance.engine()), text(instance.status()),
                instance.cluster() == null ? "" : "  <DBClusterIdentifier>" + text(instance.cluster()) + "</DBClusterIdentifier>\n",
                text(address(instance.id())), instance.retentionDays(), latestRestorable(instance.latestRestorable()),
                text(arn("db", instance.id())), tags(instance.tags()));
    }

    private String clusterXml(Cluster cluster) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < cluster.members().size(); i++) {
            members.append("""
                        <DBClusterMember>
                          <DBInstanceIdentifier>%s</DBInstanceIdentifier>
                          <IsClusterWriter>%s</IsClusterWriter>
                        </DBClusterMember>
                    """.formatted(text(cluster.members().get(i)), i == 0));
        }
        return """
                <DBCluster>
                  <DBClusterIdentifier>%s</DBClusterIdentifier>
                  <Engine>%s</Engine>
                  <Status>available</Status>
                  <BackupRetentionPeriod>%d</BackupRetentionPeriod>
                %s  <DBClusterMembers>
                %s  </DBClusterMembers>
                  <DBClusterArn>%s</DBClusterArn>
                  <Endpoint>%s</Endpoint>
                  <TagList>
                %s  </TagList>
                </DBCluster>
                """.formatted(text(cluster.id()), text(cluster.engine()), cluster.retentionDays(),
                latestRestorable(cluster.latestRestorable()), members, text(arn("cluster", cluster.id())),
                text(address(cluster.id() + ".cluster")), tags(cluster.tags()));
    }

    private static String latestRestorable(Instant time) {
        return time == null ? "" : "  <LatestRestorableTime>" + time.truncatedTo(ChronoUnit.SECONDS) + "</LatestRestorableTime>\n";
    }

    private static String tags(Map<String, String> tags) {
        StringBuilder xml = new StringBuilder();
        tags.forEach((key, value) -> xml.append("    <Tag><Key>").append(text(key)).append("</Key><Value>")
                .append(text(value)).append("</Value></Tag>\n"));
        return xml.toString();
    }

    /** The DNS name RDS would give it; it is only reported, never connected to. */
    private String address(String name) {
        return name + ".c0standin00.%s.rds.amazonaws.com".formatted(region);
    }

    private String arn(String type, String id) {
        return "arn:aws:rds:" + region + ":" + accountId + ":" + type + ":" + id;
    }

    /**
     * One page of a listing: from the entry after the request's {@code Marker} (an opaque token, here
     * the encoded key of the first entry of the page), at most {@code MaxRecords} entries, and a
     * {@code Marker} for the next page when there is one.
     */
    private <T> AwsReply page(String action, String listElement, List<T> entries, Function<T, String> key,
                              Function<T, String> xml, AwsRequest request) {
        int from = 0;
        String marker = request.parameter("Marker");
        if (marker != null) {
            String first = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            from = indexOf(entries, key, first).orElse(entries.size());
        }
        int size = Optional.ofNullable(request.parameter("MaxRecords")).map(Integer::parseInt).orElse(pageSize);
        int to = Math.min(entries.size(), from + size);
        StringBuilder body = new StringBuilder();
        if (to < entries.size()) {
            body.append("    <Marker>").append(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(key.apply(entries.get(to)).getBytes(StandardCharsets.UTF_8))).append("</Marker>\n");
        }
        body.append("    <").append(listElement).append(">\n");
        for (T entry : entries.subList(from, to)) {
            body.append(xml.apply(entry).indent(6));
        }
        body.append("    </").append(listElement).append(">\n");
        return AwsReply.xml(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <%1$sResponse xmlns="%2$s">
                  <%1$sResult>
                %3$s  </%1$sResult>
                  <ResponseMetadata>
                    <RequestId>%4$s</RequestId>
                  </ResponseMetadata>
                </%1$sResponse>
                """.formatted(action, NAMESPACE, body, requestId()));
    }

    private static <T> Optional<Integer> indexOf(List<T> entries, Function<T, String> key, String wanted) {
        int index = entries.stream().map(key).toList().indexOf(wanted);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    private static AwsReply fault(String code, String message) {
        return AwsReply.xml(404, """
                <?xml version="1.0" encoding="UTF-8"?>
                <ErrorResponse xmlns="%s">
                  <Error>
                    <Type>Sender</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(NAMESPACE, code, text(message), requestId()));
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** Text content, escaped for XML. */
    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

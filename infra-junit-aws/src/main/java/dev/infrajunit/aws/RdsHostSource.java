package dev.infrajunit.aws;

import dev.infrajunit.spi.DiscoveredHost;
import dev.infrajunit.spi.HostSource;
import dev.infrajunit.spi.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * {@code hostSources: - rds: { tags, region, roles }}: the account's RDS DB instances and Aurora
 * clusters in a region (those carrying every one of the tags; all of them without tags) become
 * subjects named by their identifier, so that {@code @ForEachHost("role:database")} covers every
 * database the account has, found by the AWS API rather than listed by hand. An instance that is a
 * member of a cluster is left out: its cluster is the subject and holds the backups.
 *
 * <p>They have no shell ({@code transport: none}): host checks that run commands say so at once.
 * Each has {@code aws.dbInstanceId} or {@code aws.dbClusterId}, its endpoint as its address, and
 * {@code properties.engine} and {@code properties.tags}, for selectors such as
 * {@code role:database&prop:properties.tags.env=prod}. A role gives them their backup policy:
 * {@code backup: { rds: "${host}", maxAge: 24h }}.
 */
public final class RdsHostSource implements HostSource {

    @Override
    public String kind() {
        return "rds";
    }

    /** {@code - rds: { ... }} with its options inside; without tags, every one of the region's RDS databases. */
    @Override
    public Keys keys() {
        return Keys.of().nested(kind(), Keys.of()
                .textMap("tags", "the tags to match, such as { env: prod }")
                .text("region")
                .roles("roles"));
    }

    @Override
    public List<DiscoveredHost> discover(Map<String, Object> entry, Context context) {
        Map<?, ?> options = entry.get(kind()) instanceof Map<?, ?> given ? given : Map.of();
        Map<?, ?> tags = options.get("tags") instanceof Map<?, ?> given ? given : Map.of();
        Optional<String> region = Optional.ofNullable((String) options.get("region"));
        try (DiscoveryEnvironment settings = new DiscoveryEnvironment(context)) {
            AwsContext aws = region.map(AwsContext.of(settings)::inRegion).orElseGet(() -> AwsContext.of(settings));
            String subject = "RDS databases" + (tags.isEmpty() ? "" : " tagged " + tags.entrySet().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", ")));
            List<DBInstance> instances = AwsCall.run(aws, subject, "rds:DescribeDBInstances", () ->
                    AwsClients.rds(aws).describeDBInstancesPaginator(request -> { }).dbInstances().stream().toList());
            List<DBCluster> clusters = AwsCall.run(aws, subject, "rds:DescribeDBClusters", () ->
                    AwsClients.rds(aws).describeDBClustersPaginator(request -> { }).dbClusters().stream().toList());
            List<DiscoveredHost> hosts = new ArrayList<>();
            instances.stream()
                    .filter(instance -> instance.dbClusterIdentifier() == null && carries(instance.tagList(), tags))
                    .map(instance -> subject("RDS DB instance", instance.dbInstanceIdentifier(), "dbInstanceId",
                            instance.endpoint() == null ? null : instance.endpoint().address(), instance.engine(),
                            instance.tagList(), region))
                    .forEach(hosts::add);
            clusters.stream()
                    .filter(cluster -> carries(cluster.tagList(), tags))
                    .map(cluster -> subject("RDS DB cluster", cluster.dbClusterIdentifier(), "dbClusterId",
                            cluster.endpoint(), cluster.engine(), cluster.tagList(), region))
                    .forEach(hosts::add);
            return hosts.stream().sorted(Comparator.comparing(DiscoveredHost::name)).toList();
        }
    }

    private static boolean carries(List<Tag> tagList, Map<?, ?> wanted) {
        Map<String, String> tags = tagMap(tagList);
        return wanted.entrySet().stream().allMatch(tag -> String.valueOf(tag.getValue()).equals(tags.get(String.valueOf(tag.getKey()))));
    }

    private static Map<String, String> tagMap(List<Tag> tagList) {
        Map<String, String> tags = new LinkedHashMap<>();
        tagList.forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
        return tags;
    }

    private static DiscoveredHost subject(String kind, String id, String idKey, String endpoint, String engine,
                                          List<Tag> tagList, Optional<String> region) {
        Map<String, Object> awsKeys = new LinkedHashMap<>();
        awsKeys.put(idKey, id);
        region.ifPresent(given -> awsKeys.put("region", given));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("engine", engine == null ? "" : engine);
        properties.put("tags", tagMap(tagList));
        return new DiscoveredHost(id, kind + " " + id, Map.of(
                "address", endpoint == null || endpoint.isBlank() ? id : endpoint,
                "transport", "none",
                "aws", awsKeys,
                "properties", properties));
    }
}

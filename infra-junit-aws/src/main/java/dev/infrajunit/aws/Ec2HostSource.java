package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.InfraException;
import dev.infrajunit.spi.DiscoveredHost;
import dev.infrajunit.spi.HostSource;
import dev.infrajunit.spi.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code hostSources: - ec2: { tags: {...}, region, roles, nameTag, address }}: the running EC2
 * instances that carry every one of the tags become hosts, named by their {@code nameTag} tag
 * (default {@code Name}; the instance id when they lack it), at their private IP address
 * ({@code address: publicIp} or {@code privateDns} for the others), with {@code aws.instanceId}
 * set, and {@code aws.region} when the entry names a region, so that AWS checks of the host ask
 * about that instance. The environment loader finds this class through
 * {@link java.util.ServiceLoader}.
 */
@API(status = INTERNAL)
public final class Ec2HostSource implements HostSource {

    private static final Map<String, String> ADDRESSES = Map.of(
            "privateIp", "private IP address", "publicIp", "public IP address", "privateDns", "private DNS name");

    @Override
    public String kind() {
        return "ec2";
    }

    /** {@code - ec2: { ... }} with its options inside. */
    @Override
    public Keys keys() {
        return Keys.of().nested(kind(), Keys.of()
                .textMap("tags", "the tags to match, such as { env: staging, tier: web }")
                .required("tags", "the tags of the instances to find, such as ec2: { tags: { env: staging } }")
                .text("region")
                .roles("roles")
                .text("nameTag")
                .oneOf("address", "privateIp", "publicIp", "privateDns"));
    }

    @Override
    public List<DiscoveredHost> discover(Map<String, Object> entry, Context context) {
        Map<?, ?> options = (Map<?, ?>) entry.get(kind());
        Map<?, ?> tags = (Map<?, ?>) options.get("tags");
        Optional<String> region = Optional.ofNullable((String) options.get("region"));
        String nameTag = (String) Objects.requireNonNullElse(options.get("nameTag"), "Name");
        String address = (String) Objects.requireNonNullElse(options.get("address"), "privateIp");
        try (DiscoveryEnvironment settings = new DiscoveryEnvironment(context)) {
            AwsContext aws = region.map(AwsContext.of(settings)::inRegion).orElseGet(() -> AwsContext.of(settings));
            String subject = "EC2 instances tagged " + tags.entrySet().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", "));
            List<Instance> instances = AwsCall.run(aws, subject, Ec2InstanceLookup.ACTION, () ->
                    AwsClients.ec2(aws).describeInstancesPaginator(request -> request.filters(filters(tags)))
                            .reservations().stream().map(Reservation::instances).flatMap(List::stream).toList());
            return instances.stream()
                    .map(instance -> host(instance, nameTag, address, region, aws))
                    .sorted(Comparator.comparing(DiscoveredHost::name))
                    .toList();
        }
    }

    private static List<Filter> filters(Map<?, ?> tags) {
        List<Filter> filters = new ArrayList<>();
        tags.forEach((key, value) -> filters.add(Filter.builder().name("tag:" + key).values(String.valueOf(value)).build()));
        filters.add(Filter.builder().name("instance-state-name").values("running").build());
        return filters;
    }

    private static DiscoveredHost host(Instance instance, String nameTag, String address, Optional<String> region,
                                       AwsContext aws) {
        String id = instance.instanceId();
        String name = instance.tags().stream().filter(tag -> nameTag.equals(tag.key())).map(Tag::value)
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse(id);
        Map<String, Object> awsKeys = new LinkedHashMap<>();
        awsKeys.put("instanceId", id);
        region.ifPresent(given -> awsKeys.put("region", given));
        return new DiscoveredHost(name, "EC2 instance " + id,
                Map.of("address", address(instance, address, name, aws), "aws", awsKeys));
    }

    private static String address(Instance instance, String kind, String name, AwsContext aws) {
        String value = switch (kind) {
            case "publicIp" -> instance.publicIpAddress();
            case "privateDns" -> instance.privateDnsName();
            default -> instance.privateIpAddress();
        };
        if (value == null || value.isBlank()) {
            String named = name.equals(instance.instanceId()) ? "" : " (" + name + ")";
            throw new InfraException("EC2 instance " + instance.instanceId() + named + " in " + aws.regionLabel()
                    + " has no " + ADDRESSES.get(kind) + " (address: " + kind + "); choose another address,"
                    + " such as address: privateIp");
        }
        return value;
    }
}

package dev.infrajunit.aws;

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
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * {@code hostSources: - ebs: { tags, region, roles, nameTag }}: the EBS volumes of a region that
 * carry every one of the tags (all of them without tags) become subjects named by their
 * {@code nameTag} tag (default {@code Name}; the volume id when they lack it), with no shell
 * ({@code transport: none}), {@code aws.volumeId}, and {@code properties.tags},
 * {@code properties.attachedTo} (instance ids) and {@code properties.sizeGiB}. A role gives them
 * their backup policy: {@code backup: { ebs: true, maxAge: 2d }} asks for a recent completed
 * snapshot of the volume.
 */
public final class EbsHostSource implements HostSource {

    @Override
    public String kind() {
        return "ebs";
    }

    /** {@code - ebs: { ... }} with its options inside; without tags, every one of the region's EBS volumes. */
    @Override
    public Keys keys() {
        return Keys.of().nested(kind(), Keys.of()
                .textMap("tags", "the tags to match, such as { env: prod }")
                .text("region")
                .roles("roles")
                .text("nameTag"));
    }

    @Override
    public List<DiscoveredHost> discover(Map<String, Object> entry, Context context) {
        Map<?, ?> options = entry.get(kind()) instanceof Map<?, ?> given ? given : Map.of();
        Map<?, ?> tags = options.get("tags") instanceof Map<?, ?> given ? given : Map.of();
        Optional<String> region = Optional.ofNullable((String) options.get("region"));
        String nameTag = (String) Objects.requireNonNullElse(options.get("nameTag"), "Name");
        try (DiscoveryEnvironment settings = new DiscoveryEnvironment(context)) {
            AwsContext aws = region.map(AwsContext.of(settings)::inRegion).orElseGet(() -> AwsContext.of(settings));
            String subject = "EBS volumes" + (tags.isEmpty() ? "" : " tagged " + tags.entrySet().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", ")));
            List<Filter> filters = new ArrayList<>();
            tags.forEach((key, value) -> filters.add(Filter.builder().name("tag:" + key).values(String.valueOf(value)).build()));
            List<Volume> volumes = AwsCall.run(aws, subject, "ec2:DescribeVolumes", () -> AwsClients.ec2(aws)
                    .describeVolumesPaginator(request -> request.filters(filters)).volumes().stream().toList());
            return volumes.stream()
                    .map(volume -> host(volume, nameTag, region))
                    .sorted(Comparator.comparing(DiscoveredHost::name))
                    .toList();
        }
    }

    private static DiscoveredHost host(Volume volume, String nameTag, Optional<String> region) {
        String id = volume.volumeId();
        Map<String, String> tags = new LinkedHashMap<>();
        volume.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
        String name = Optional.ofNullable(tags.get(nameTag)).filter(value -> !value.isBlank()).orElse(id);
        Map<String, Object> awsKeys = new LinkedHashMap<>();
        awsKeys.put("volumeId", id);
        region.ifPresent(given -> awsKeys.put("region", given));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tags", tags);
        properties.put("attachedTo", volume.attachments().stream().map(VolumeAttachment::instanceId).toList());
        properties.put("sizeGiB", volume.size() == null ? 0 : volume.size());
        return new DiscoveredHost(name, "EBS volume " + id, Map.of("address", id, "transport", "none", "aws", awsKeys,
                "properties", properties));
    }
}

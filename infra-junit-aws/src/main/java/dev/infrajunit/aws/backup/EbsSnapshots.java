package dev.infrajunit.aws.backup;

import dev.infrajunit.Host;
import dev.infrajunit.aws.AwsCall;
import dev.infrajunit.aws.AwsClients;
import dev.infrajunit.aws.AwsContext;
import dev.infrajunit.aws.Ec2InstanceLookup;
import dev.infrajunit.backup.BackupExpectation;
import dev.infrajunit.backup.BackupPolicy;
import dev.infrajunit.backup.FoundBackup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * {@code ebs} policies: every EBS volume attached to the host's EC2 instance must have a completed
 * snapshot, owned by this account, younger than maxAge. {@code ebs: true} means the host's own
 * instance ({@code aws.instanceId}, else the one tagged {@code Name=<host>}); {@code ebs: i-...}
 * names another. One DescribeInstances (once per run and host) and one paged DescribeSnapshots
 * filtered to the instance's volumes; {@code OwnerIds=self}, because without it EC2 also returns
 * public snapshots of anyone's volumes. A subject that is a volume itself ({@code aws.volumeId}, as
 * {@code hostSources: - ebs} makes them) needs a snapshot of that volume, and {@code ebs: vol-...}
 * names a volume directly.
 */
final class EbsSnapshots {

    private final Host host;

    EbsSnapshots(Host host) {
        this.host = host;
    }

    List<String> problems(BackupPolicy policy, BackupExpectation expectation) {
        Optional<String> ownVolume = policy.target().startsWith("vol-") ? Optional.of(policy.target())
                : policy.target().equals("true") ? host.property("aws.volumeId").map(String::valueOf) : Optional.empty();
        if (ownVolume.isPresent()) {
            return volumeProblems(ownVolume.get(), expectation);
        }
        Ec2InstanceLookup lookup = policy.target().equals("true")
                ? Ec2InstanceLookup.forHost(host)
                : Ec2InstanceLookup.byId(AwsContext.of(host), host.name(), policy.target());
        Optional<Instance> found = lookup.find();
        if (found.isEmpty()) {
            return List.of(expectation.butFound(lookup.notFound()));
        }
        Instance instance = found.get();
        Map<String, String> devices = instance.blockDeviceMappings().stream()
                .filter(mapping -> mapping.ebs() != null)
                .collect(Collectors.toMap(mapping -> mapping.ebs().volumeId(), InstanceBlockDeviceMapping::deviceName,
                        (first, second) -> first, LinkedHashMap::new));
        if (devices.isEmpty()) {
            return List.of(expectation.butFound("instance " + instance.instanceId() + " has no EBS volume attached"));
        }
        Map<String, Snapshot> newest = newestSnapshots(lookup.context(), List.copyOf(devices.keySet()));
        List<String> problems = new ArrayList<>();
        devices.forEach((volume, device) -> {
            String which = "volume " + volume + " (" + device + ") of instance " + instance.instanceId();
            Snapshot snapshot = newest.get(volume);
            if (snapshot == null) {
                problems.add(expectation.butFound(which + " has no completed snapshot"));
            } else {
                expectation.problemWith("the newest completed snapshot of " + which,
                        new FoundBackup(snapshot.snapshotId(), snapshot.startTime(), OptionalLong.empty())).ifPresent(problems::add);
            }
        });
        return problems;
    }

    private List<String> volumeProblems(String volume, BackupExpectation expectation) {
        Snapshot snapshot = newestSnapshots(AwsContext.of(host), List.of(volume)).get(volume);
        if (snapshot == null) {
            return List.of(expectation.butFound("volume " + volume + " has no completed snapshot"));
        }
        return expectation.problemWith("the newest completed snapshot of volume " + volume,
                new FoundBackup(snapshot.snapshotId(), snapshot.startTime(), OptionalLong.empty())).stream().toList();
    }

    private Map<String, Snapshot> newestSnapshots(AwsContext context, List<String> volumes) {
        BinaryOperator<Snapshot> newer = BinaryOperator.maxBy(Comparator.comparing(Snapshot::startTime));
        return AwsCall.run(context, host.name(), "ec2:DescribeSnapshots", () -> AwsClients.ec2(context)
                .describeSnapshotsPaginator(request -> request
                        .ownerIds("self")
                        .filters(Filter.builder().name("volume-id").values(volumes).build(),
                                Filter.builder().name("status").values("completed").build()))
                .snapshots().stream()
                .filter(snapshot -> snapshot.state() == SnapshotState.COMPLETED && snapshot.startTime() != null)
                .collect(Collectors.toMap(Snapshot::volumeId, snapshot -> snapshot, newer)));
    }
}

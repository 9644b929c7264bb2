package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * How an EC2 instance is found: by id, or for a host by {@code aws.instanceId}, else by its
 * {@code Name} tag being the host's name (terminated instances, which keep their tags for a while,
 * do not count).
 */
@API(status = INTERNAL)
public final class Ec2InstanceLookup {

    static final String ACTION = "ec2:DescribeInstances";
    private static final String FACT = "infra-junit.ec2-instance";
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private final AwsContext context;
    private final String subject;
    private final Optional<String> instanceId;
    private final String nameTag;
    private final Optional<Host> host;

    private Ec2InstanceLookup(AwsContext context, String subject, Optional<String> instanceId, String nameTag, Optional<Host> host) {
        this.context = context;
        this.subject = subject;
        this.instanceId = instanceId;
        this.nameTag = nameTag;
        this.host = host;
    }

    /** The host's own instance: {@code aws.instanceId}, else the instance tagged {@code Name=<host name>}. */
    public static Ec2InstanceLookup forHost(Host host) {
        return forHost(host, host.name());
    }

    /** The host's own instance, with errors naming {@code subject}. */
    static Ec2InstanceLookup forHost(Host host, String subject) {
        AwsContext context = AwsContext.of(host);
        return new Ec2InstanceLookup(context, subject, context.instanceId(), host.name(), Optional.of(host));
    }

    /** An instance by its id. */
    public static Ec2InstanceLookup byId(AwsContext context, String subject, String instanceId) {
        return new Ec2InstanceLookup(context, subject, Optional.of(instanceId), null, Optional.empty());
    }

    public AwsContext context() {
        return context;
    }

    /**
     * The instance, or empty when none matches; a host's instance is looked up once per run.
     *
     * @throws CouldNotCheckException when AWS cannot be asked, or several instances carry the Name tag
     */
    public Optional<Instance> find() {
        return host.map(h -> h.fact(FACT, this::describe)).orElseGet(this::describe);
    }

    /** How a failure says nothing was found: {@code no EC2 instance is tagged Name=db-2 in eu-west-1}. */
    public String notFound() {
        if (instanceId.isPresent()) {
            return "no EC2 instance " + instanceId.get() + " exists in " + context.regionLabel();
        }
        return "no EC2 instance is tagged Name=" + nameTag + " in " + context.regionLabel()
                + " (set aws.instanceId on the host if its Name tag differs)";
    }

    private Optional<Instance> describe() {
        List<Instance> instances = AwsCall.run(context, subject, ACTION, () -> {
            try {
                return AwsClients.ec2(context).describeInstancesPaginator(request -> {
                    if (instanceId.isPresent()) {
                        request.instanceIds(instanceId.get());
                    } else {
                        request.filters(Filter.builder().name("tag:Name").values(nameTag).build(),
                                Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
                    }
                }).reservations().stream().map(Reservation::instances).flatMap(List::stream).toList();
            } catch (AwsServiceException e) {
                // Asking for an id that does not exist is an error reply, not an empty answer.
                if (e.awsErrorDetails() != null && "InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) {
                    return List.of();
                }
                throw e;
            }
        });
        if (instances.size() > 1) {
            throw new CouldNotCheckException(subject, "several EC2 instances are tagged Name=" + nameTag + " in "
                    + context.regionLabel() + ": " + String.join(", ", instances.stream().map(Instance::instanceId).toList())
                    + "; set aws.instanceId on the host to say which one it is");
        }
        return instances.stream().findFirst();
    }
}

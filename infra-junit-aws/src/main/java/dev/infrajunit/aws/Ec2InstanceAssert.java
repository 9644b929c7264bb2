package dev.infrajunit.aws;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Assertions about an EC2 instance. The instance is described once per assertion chain (one
 * DescribeInstances call, and for a host's own instance once per run).
 */
public class Ec2InstanceAssert extends AwsResourceAssert<Ec2InstanceAssert, Ec2Instance> {

    private Instance instance;

    public Ec2InstanceAssert(Ec2Instance instance) {
        super(instance, Ec2InstanceAssert.class);
    }

    /** The instance's state is {@code running}. */
    public Ec2InstanceAssert isRunning() {
        String expected = "state running";
        String state = instance(expected).state().nameAsString();
        if (!"running".equals(state)) {
            fail(expected, "it is " + state, Ec2InstanceLookup.ACTION);
        }
        return myself;
    }

    /**
     * The instance metadata service answers only session-token (IMDSv2) requests: HttpTokens is
     * {@code required}, or the metadata endpoint is off altogether.
     */
    public Ec2InstanceAssert requiresImdsV2() {
        String expected = "IMDSv2 required (HttpTokens required)";
        var options = instance(expected).metadataOptions();
        boolean holds = options != null && (options.httpTokens() == HttpTokensState.REQUIRED
                || options.httpEndpoint() == InstanceMetadataEndpointState.DISABLED);
        if (!holds) {
            fail(expected, options == null ? "the instance reports no metadata options" : "HttpTokens is " + options.httpTokensAsString(),
                    Ec2InstanceLookup.ACTION);
        }
        return myself;
    }

    /** The instance has a tag with this key, whatever its value. */
    public Ec2InstanceAssert hasTag(String key) {
        String expected = "a tag " + key;
        if (tag(instance(expected), key).isEmpty()) {
            fail(expected, tags(instance), Ec2InstanceLookup.ACTION);
        }
        return myself;
    }

    /** The instance has a tag with this key and value. */
    public Ec2InstanceAssert hasTag(String key, String value) {
        String expected = "tag " + key + "=" + value;
        Optional<String> found = tag(instance(expected), key);
        if (found.isEmpty()) {
            fail(expected, tags(instance), Ec2InstanceLookup.ACTION);
        } else if (!found.get().equals(value)) {
            fail(expected, "it is " + key + "=" + found.get(), Ec2InstanceLookup.ACTION);
        }
        return myself;
    }

    @Override
    String subject() {
        String label = actual.toString();
        if (instance == null || label.contains(instance.instanceId())) {
            return label;
        }
        return label.replace("EC2 instance", "EC2 instance " + instance.instanceId());
    }

    private Instance instance(String expected) {
        isNotNull();
        if (instance == null) {
            Optional<Instance> found = actual.lookup().find();
            if (found.isEmpty()) {
                fail(expected, actual.lookup().notFound(), Ec2InstanceLookup.ACTION);
            }
            instance = found.get();
        }
        return instance;
    }

    private static Optional<String> tag(Instance instance, String key) {
        return instance.tags().stream().filter(tag -> key.equals(tag.key())).map(Tag::value).findFirst();
    }

    private static String tags(Instance instance) {
        return instance.tags().isEmpty() ? "it has no tags"
                : "its tags are " + instance.tags().stream().map(tag -> tag.key() + "=" + tag.value()).collect(Collectors.joining(", "));
    }
}

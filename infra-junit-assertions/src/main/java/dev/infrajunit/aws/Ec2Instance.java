package dev.infrajunit.aws;

/** An EC2 instance to assert on; see {@link Aws#ec2Instance(String)} and {@link Aws#ec2Instance()}. */
public final class Ec2Instance implements AwsResource {

    private final Ec2InstanceLookup lookup;
    private final String label;

    Ec2Instance(Ec2InstanceLookup lookup, String label) {
        this.lookup = lookup;
        this.label = label;
    }

    @Override
    public AwsContext context() {
        return lookup.context();
    }

    Ec2InstanceLookup lookup() {
        return lookup;
    }

    @Override
    public String toString() {
        return label;
    }
}

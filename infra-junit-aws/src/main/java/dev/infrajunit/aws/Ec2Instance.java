package dev.infrajunit.aws;

/** An EC2 instance to assert on; see {@link Aws#ec2Instance(String)} and {@link Aws#ec2Instance()}. */
public final class Ec2Instance extends AwsResource {

    private final Ec2InstanceLookup lookup;

    Ec2Instance(Ec2InstanceLookup lookup, String label) {
        super(lookup.context(), label);
        this.lookup = lookup;
    }

    Ec2InstanceLookup lookup() {
        return lookup;
    }
}

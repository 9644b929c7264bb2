package dev.infrajunit.aws;

/** A VPC security group to assert on, by id or name; see {@link Aws#securityGroup(String)}. */
public final class SecurityGroup implements AwsResource {

    private final AwsContext context;
    private final String idOrName;

    SecurityGroup(AwsContext context, String idOrName) {
        this.context = context;
        this.idOrName = idOrName;
    }

    public String idOrName() {
        return idOrName;
    }

    boolean isId() {
        return idOrName.startsWith("sg-");
    }

    @Override
    public AwsContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "security group " + idOrName;
    }
}

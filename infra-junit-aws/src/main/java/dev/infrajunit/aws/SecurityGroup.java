package dev.infrajunit.aws;

/** A VPC security group to assert on, by id ({@code sg-...}) or name; see {@link Aws#securityGroup(String)}. */
public final class SecurityGroup extends AwsResource {

    private final String idOrName;

    SecurityGroup(AwsContext context, String idOrName) {
        super(context, "security group " + idOrName);
        this.idOrName = idOrName;
    }

    public String idOrName() {
        return idOrName;
    }

    boolean isId() {
        return idOrName.startsWith("sg-");
    }
}

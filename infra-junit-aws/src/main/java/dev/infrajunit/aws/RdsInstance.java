package dev.infrajunit.aws;

/** An RDS DB instance to assert on; see {@link Aws#rdsInstance(String)}. */
public final class RdsInstance extends AwsResource {

    private final String identifier;

    RdsInstance(AwsContext context, String identifier) {
        super(context, "RDS instance " + identifier);
        this.identifier = identifier;
    }

    public String identifier() {
        return identifier;
    }
}

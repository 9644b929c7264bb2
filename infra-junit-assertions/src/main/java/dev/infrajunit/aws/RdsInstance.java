package dev.infrajunit.aws;

/** An RDS DB instance to assert on; see {@link Aws#rdsInstance(String)}. */
public final class RdsInstance implements AwsResource {

    private final AwsContext context;
    private final String identifier;

    RdsInstance(AwsContext context, String identifier) {
        this.context = context;
        this.identifier = identifier;
    }

    public String identifier() {
        return identifier;
    }

    @Override
    public AwsContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "RDS instance " + identifier;
    }
}

package dev.infrajunit.aws;

/** An S3 bucket to assert on; see {@link Aws#s3Bucket(String)}. */
public final class S3Bucket implements AwsResource {

    private final AwsContext context;
    private final String name;

    S3Bucket(AwsContext context, String name) {
        this.context = context;
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public AwsContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "S3 bucket " + name;
    }
}

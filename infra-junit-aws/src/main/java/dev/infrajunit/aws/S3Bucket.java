package dev.infrajunit.aws;

/** An S3 bucket to assert on; see {@link Aws#s3Bucket(String)}. */
public final class S3Bucket extends AwsResource {

    private final String name;

    S3Bucket(AwsContext context, String name) {
        super(context, "S3 bucket " + name);
        this.name = name;
    }

    public String name() {
        return name;
    }
}

package dev.infrajunit.aws;

/**
 * An AWS resource assertions talk about: where to ask about it, and how failure messages name it
 * ({@link #toString()}, e.g. {@code S3 bucket acme-backups}).
 */
abstract class AwsResource {

    private final AwsContext context;
    private final String label;

    AwsResource(AwsContext context, String label) {
        this.context = context;
        this.label = label;
    }

    AwsContext context() {
        return context;
    }

    @Override
    public String toString() {
        return label;
    }
}

package dev.infrajunit.aws;

/** An AWS resource assertions talk about; {@link #toString()} is how failure messages name it. */
interface AwsResource {

    AwsContext context();
}

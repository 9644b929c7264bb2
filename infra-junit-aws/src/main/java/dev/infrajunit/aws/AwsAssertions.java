package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.STABLE;

import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import org.apiguardian.api.API;

/**
 * The entry point for assertions on AWS resources:
 * {@code assertThat(aws().s3Bucket("acme-backups")).hasVersioningEnabled()}. Host checks, backups
 * included, start from {@code dev.infrajunit.assertions.InfraAssertions}.
 */
@API(status = STABLE)
public final class AwsAssertions {

    private AwsAssertions() {
    }

    /**
     * AWS resources of the active environment, seen with its {@code aws} settings:
     * {@code assertThat(aws().s3Bucket("acme-backups")).hasVersioningEnabled()}.
     */
    public static Aws aws() {
        return Aws.active();
    }

    /** AWS resources seen with an environment's {@code aws} settings. */
    public static Aws aws(Environment environment) {
        return Aws.of(environment);
    }

    /**
     * AWS resources seen with a host's {@code aws} settings, including the host's own EC2
     * instance: {@code assertThat(aws(host).ec2Instance()).isRunning().requiresImdsV2()}.
     */
    public static Aws aws(Host host) {
        return Aws.of(host);
    }

    /** Versioning, default encryption, public access block and lifecycle rules of an S3 bucket. */
    public static S3BucketAssert assertThat(S3Bucket bucket) {
        return new S3BucketAssert(bucket);
    }

    /** State, IMDSv2 and tags of an EC2 instance. */
    public static Ec2InstanceAssert assertThat(Ec2Instance instance) {
        return new Ec2InstanceAssert(instance);
    }

    /** The inbound rules of a security group that admit the whole internet. */
    public static SecurityGroupAssert assertThat(SecurityGroup group) {
        return new SecurityGroupAssert(group);
    }

    /** Backup retention, encryption, deletion protection and Multi-AZ of an RDS DB instance. */
    public static RdsInstanceAssert assertThat(RdsInstance instance) {
        return new RdsInstanceAssert(instance);
    }
}

package dev.infrajunit.assertions;

import dev.infrajunit.Host;

/**
 * The one entry point for infra-junit assertions: {@code assertThat(host("db-3")).hasRecentBackup()}.
 */
public final class InfraAssertions {

    private InfraAssertions() {
    }

    /** Assertions about a host: its files, packages, services, ports, backups and more. */
    public static HostAssert assertThat(Host host) {
        return new HostAssert(host);
    }

    // ---- AWS subjects ----
    // (names qualified here so this region merges without touching the imports above)

    /**
     * AWS resources of the active environment, seen with its {@code aws} settings:
     * {@code assertThat(aws().s3Bucket("acme-backups")).hasVersioningEnabled()}.
     */
    public static dev.infrajunit.aws.Aws aws() {
        return dev.infrajunit.aws.Aws.active();
    }

    /** AWS resources seen with an environment's {@code aws} settings. */
    public static dev.infrajunit.aws.Aws aws(dev.infrajunit.Environment environment) {
        return dev.infrajunit.aws.Aws.of(environment);
    }

    /**
     * AWS resources seen with a host's {@code aws} settings, including the host's own EC2
     * instance: {@code assertThat(aws(host).ec2Instance()).isRunning().requiresImdsV2()}.
     */
    public static dev.infrajunit.aws.Aws aws(Host host) {
        return dev.infrajunit.aws.Aws.of(host);
    }

    /** Versioning, default encryption, public access block and lifecycle rules of an S3 bucket. */
    public static dev.infrajunit.aws.S3BucketAssert assertThat(dev.infrajunit.aws.S3Bucket bucket) {
        return new dev.infrajunit.aws.S3BucketAssert(bucket);
    }

    /** State, IMDSv2 and tags of an EC2 instance. */
    public static dev.infrajunit.aws.Ec2InstanceAssert assertThat(dev.infrajunit.aws.Ec2Instance instance) {
        return new dev.infrajunit.aws.Ec2InstanceAssert(instance);
    }

    /** The inbound rules of a security group that admit the whole internet. */
    public static dev.infrajunit.aws.SecurityGroupAssert assertThat(dev.infrajunit.aws.SecurityGroup group) {
        return new dev.infrajunit.aws.SecurityGroupAssert(group);
    }

    /** Backup retention, encryption, deletion protection and Multi-AZ of an RDS DB instance. */
    public static dev.infrajunit.aws.RdsInstanceAssert assertThat(dev.infrajunit.aws.RdsInstance instance) {
        return new dev.infrajunit.aws.RdsInstanceAssert(instance);
    }
}

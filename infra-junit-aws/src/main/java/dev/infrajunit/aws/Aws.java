package dev.infrajunit.aws;

import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import dev.infrajunit.Infra;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS resources to assert on, seen with the environment's {@code aws} settings (or a host's):
 *
 * <pre>{@code
 * assertThat(aws().s3Bucket("acme-backups")).hasVersioningEnabled().blocksAllPublicAccess();
 * assertThat(aws(host).ec2Instance()).isRunning().requiresImdsV2();
 * assertThat(aws().securityGroup("sg-0a1b2c3d")).hasNoPortOpenToTheWorldExcept(80, 443);
 * assertThat(aws().rdsInstance("orders-db")).hasBackupRetentionOfAtLeast(7).hasDeletionProtection();
 * }</pre>
 *
 * Nothing here calls AWS: each assertion does, when it runs.
 */
public final class Aws {

    private final AwsContext context;
    private final Optional<Host> host;

    private Aws(AwsContext context, Optional<Host> host) {
        this.context = context;
        this.host = host;
    }

    /** Resources of the active environment ({@link Infra#environment()}), with its {@code aws} settings. */
    public static Aws active() {
        return of(Infra.environment());
    }

    /** Resources seen with the environment's top-level {@code aws} settings. */
    public static Aws of(Environment environment) {
        return new Aws(AwsContext.of(Objects.requireNonNull(environment, "environment")), Optional.empty());
    }

    /** Resources seen with a host's {@code aws} settings; {@link #ec2Instance()} is the host's own. */
    public static Aws of(Host host) {
        return new Aws(AwsContext.of(Objects.requireNonNull(host, "host")), Optional.of(host));
    }

    public S3Bucket s3Bucket(String name) {
        return new S3Bucket(context, name);
    }

    public Ec2Instance ec2Instance(String instanceId) {
        return new Ec2Instance(Ec2InstanceLookup.byId(context, "EC2 instance " + instanceId, instanceId), "EC2 instance " + instanceId);
    }

    /**
     * The host's own EC2 instance: {@code aws.instanceId}, else the instance tagged
     * {@code Name=<host name>}.
     *
     * @throws IllegalStateException when these resources were not taken from a host
     */
    public Ec2Instance ec2Instance() {
        Host of = host.orElseThrow(() -> new IllegalStateException(
                "ec2Instance() needs a host: use aws(host).ec2Instance(), or aws(environment).ec2Instance(\"i-...\")"));
        String label = "EC2 instance of " + of.name();
        return new Ec2Instance(Ec2InstanceLookup.forHost(of, label), label);
    }

    /** A security group by id ({@code sg-...}) or by name. */
    public SecurityGroup securityGroup(String idOrName) {
        return new SecurityGroup(context, idOrName);
    }

    /** An RDS DB instance by identifier. */
    public RdsInstance rdsInstance(String identifier) {
        return new RdsInstance(context, identifier);
    }
}

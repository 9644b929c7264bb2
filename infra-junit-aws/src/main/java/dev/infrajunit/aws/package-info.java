/**
 * AWS for checks: assertions on S3 buckets, EC2 instances, security groups and RDS instances
 * ({@link dev.infrajunit.aws.Aws}), and the run's AWS clients ({@link dev.infrajunit.aws.AwsClients}).
 *
 * <p>Settings come from the environment's {@code aws} key, which a role or host may override:
 * {@code region}, {@code profile} (credentials from that profile alone; else the SDK's default
 * chain), {@code endpoint} (one endpoint for every service, for S3-compatible stores and tests) and,
 * on a host, {@code instanceId} (else its instance is the one tagged {@code Name=<host>}).
 * Clients are created on first use, one per service, region, profile and endpoint for the run, and
 * closed when it ends; each call is bounded (60s with retries, 20s an attempt) and retried by the
 * SDK's standard strategy. An error names what was checked, the call as the IAM action to allow,
 * the region and the cause.
 *
 * <p>{@link dev.infrajunit.aws.Ec2HostSource} lets an environment file find its hosts among the
 * running EC2 instances that carry given tags ({@code hostSources: - ec2: { tags: ... }}).
 */
@API(status = STABLE)
package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

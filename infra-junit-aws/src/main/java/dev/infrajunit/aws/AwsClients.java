package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS clients for a run: created on first use, one per service, region, profile and endpoint,
 * shared by every check of the run and closed when it ends (through
 * {@link dev.infrajunit.Environment#shared}). The url-connection HTTP client starts fastest; each
 * call is bounded (60s, retries included; 20s an attempt) and retried with the SDK's standard strategy
 * (3 attempts, backoff with jitter, throttling included).
 */
@API(status = INTERNAL)
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    private record ClientKey(String service, Optional<String> region, Optional<String> profile, Optional<URI> endpoint) {
    }

    private record CredentialsKey(Optional<String> profile) {
    }

    private AwsClients() {
    }

    public static S3Client s3(AwsContext context) {
        return shared(context, "s3", credentials -> {
            var builder = S3Client.builder();
            // S3-compatible stores on a plain endpoint rarely resolve bucket subdomains; real S3
            // redirects a bucket of another region, which cross-region access follows.
            if (context.endpoint().isPresent()) {
                builder.forcePathStyle(true);
            } else {
                builder.crossRegionAccessEnabled(true);
            }
            return configure(builder, context, credentials);
        });
    }

    public static Ec2Client ec2(AwsContext context) {
        return shared(context, "ec2", credentials -> configure(Ec2Client.builder(), context, credentials));
    }

    public static RdsClient rds(AwsContext context) {
        return shared(context, "rds", credentials -> configure(RdsClient.builder(), context, credentials));
    }

    public static BackupClient backup(AwsContext context) {
        return shared(context, "backup", credentials -> configure(BackupClient.builder(), context, credentials));
    }

    private static <C extends SdkClient> C shared(AwsContext context, String service, Function<AwsCredentialsProvider, C> create) {
        ClientKey key = new ClientKey(service, context.region(), context.profile(), context.endpoint());
        // Taken before the client's own shared() call: the run's shared resources may not be
        // created from inside the creation of another.
        AwsCredentialsProvider credentials = credentials(context);
        return context.environment().shared(key, () -> create.apply(credentials));
    }

    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C configure(B builder, AwsContext context,
                                                                                                AwsCredentialsProvider credentials) {
        region(context).ifPresent(region -> builder.region(Region.of(region)));
        context.endpoint().ifPresent(builder::endpointOverride);
        return builder
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(context.callTimeout())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD)
                        .build())
                .build();
    }

    /** {@code aws.region}, else the region of {@code aws.profile}, else the SDK's own chain. */
    private static Optional<String> region(AwsContext context) {
        if (context.region().isPresent() || context.profile().isEmpty()) {
            return context.region();
        }
        try {
            return Optional.of(new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, context.profile().get())
                    .getRegion().id());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code aws.profile} alone when it is set, as {@code aws --profile} does (environment variables
     * do not override it); else the default chain. One provider per profile for the run, so
     * credentials are resolved and cached once.
     */
    private static AwsCredentialsProvider credentials(AwsContext context) {
        SdkAutoCloseable provider = context.environment().shared(new CredentialsKey(context.profile()),
                () -> context.profile().isPresent()
                        ? ProfileCredentialsProvider.builder().profileName(context.profile().get()).build()
                        : DefaultCredentialsProvider.builder().build());
        return (AwsCredentialsProvider) provider;
    }
}

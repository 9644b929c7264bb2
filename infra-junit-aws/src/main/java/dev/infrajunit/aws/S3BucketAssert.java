package dev.infrajunit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Assertions about an S3 bucket's configuration. Each reads one bucket setting with one call;
 * failures name the bucket, what was expected, what was found and the call (as its IAM action).
 */
public class S3BucketAssert extends AwsResourceAssert<S3BucketAssert, S3Bucket> {

    public S3BucketAssert(S3Bucket bucket) {
        super(bucket, S3BucketAssert.class);
    }

    /** Versioning is Enabled (not Suspended, not never enabled), so overwritten or deleted backups can be recovered. */
    public S3BucketAssert hasVersioningEnabled() {
        String action = "s3:GetBucketVersioning";
        String expected = "versioning Enabled";
        String status = ask(expected, action, Map.of(), () -> s3().getBucketVersioning(request -> request.bucket(actual.name())).statusAsString());
        if (!"Enabled".equals(status)) {
            fail(expected, status == null ? "versioning was never enabled" : "versioning is " + status, action);
        }
        return myself;
    }

    /** Objects are encrypted by default, whatever the algorithm. */
    public S3BucketAssert hasDefaultEncryption() {
        return hasDefaultEncryption(null);
    }

    /** Objects are encrypted by default with this algorithm: {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}. */
    public S3BucketAssert hasDefaultEncryption(String algorithm) {
        String action = "s3:GetEncryptionConfiguration";
        String expected = algorithm == null ? "default encryption" : "default encryption " + algorithm;
        List<String> algorithms = ask(expected, action, Map.of("ServerSideEncryptionConfigurationNotFoundError",
                "the bucket has no default encryption"), () -> s3().getBucketEncryption(request -> request.bucket(actual.name()))
                .serverSideEncryptionConfiguration().rules().stream()
                .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                .filter(java.util.Objects::nonNull)
                .map(rule -> rule.sseAlgorithmAsString()).toList());
        if (algorithms.isEmpty()) {
            fail(expected, "the bucket has no default encryption", action);
        }
        if (algorithm != null && !algorithms.contains(algorithm)) {
            fail(expected, "it is " + String.join(", ", algorithms), action);
        }
        return myself;
    }

    /** All four settings of the bucket's public access block are on. */
    public S3BucketAssert blocksAllPublicAccess() {
        String action = "s3:GetBucketPublicAccessBlock";
        String expected = "all public access blocked";
        PublicAccessBlockConfiguration settings = ask(expected, action, Map.of("NoSuchPublicAccessBlockConfiguration",
                "the bucket has no public access block"), () -> s3().getPublicAccessBlock(request -> request.bucket(actual.name()))
                .publicAccessBlockConfiguration());
        List<String> off = new ArrayList<>();
        addIfOff(off, "BlockPublicAcls", settings.blockPublicAcls());
        addIfOff(off, "IgnorePublicAcls", settings.ignorePublicAcls());
        addIfOff(off, "BlockPublicPolicy", settings.blockPublicPolicy());
        addIfOff(off, "RestrictPublicBuckets", settings.restrictPublicBuckets());
        if (!off.isEmpty()) {
            fail(expected, String.join(" and ", off) + (off.size() == 1 ? " is" : " are") + " off", action);
        }
        return myself;
    }

    /** At least one lifecycle rule is enabled. */
    public S3BucketAssert hasLifecycleRule() {
        return lifecycle(null);
    }

    /** The lifecycle rule with this id exists and is enabled. */
    public S3BucketAssert hasLifecycleRule(String id) {
        return lifecycle(id);
    }

    private S3BucketAssert lifecycle(String id) {
        String action = "s3:GetLifecycleConfiguration";
        String expected = id == null ? "an enabled lifecycle rule" : "the enabled lifecycle rule " + id;
        List<LifecycleRule> rules = ask(expected, action, Map.of("NoSuchLifecycleConfiguration",
                "the bucket has no lifecycle rule"), () -> s3().getBucketLifecycleConfiguration(request -> request.bucket(actual.name())).rules());
        boolean holds = rules.stream().anyMatch(rule -> rule.status() == ExpirationStatus.ENABLED && (id == null || id.equals(rule.id())));
        if (!holds) {
            fail(expected, "its rules are " + rules.stream()
                    .map(rule -> rule.id() + " (" + rule.statusAsString() + ")").collect(Collectors.joining(", ")), action);
        }
        return myself;
    }

    private static void addIfOff(List<String> off, String name, Boolean value) {
        if (!Boolean.TRUE.equals(value)) {
            off.add(name);
        }
    }

    /** Every call may find that the bucket does not exist. */
    @Override
    <T> T ask(String expected, String action, Map<String, String> findings, Supplier<T> call) {
        Map<String, String> all = new java.util.HashMap<>(findings);
        all.put("NoSuchBucket", "the bucket does not exist");
        return super.ask(expected, action, all, call);
    }

    private S3Client s3() {
        return AwsClients.s3(actual.context());
    }
}

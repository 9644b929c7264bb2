package dev.infrajunit.aws;

import static dev.infrajunit.aws.AwsAssertions.assertThat;
import static dev.infrajunit.aws.AwsAssertions.aws;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** S3 bucket assertions: the real S3 client over HTTP against recorded S3 REST-XML replies. */
class S3BucketAssertTest {

    @RegisterExtension
    static final RecordedAwsServer s3 = new RecordedAwsServer();
    private RunEnvironment environment;



    @BeforeEach
    void setUp() {
        environment = s3.environment();
    }


    @Test
    void aWellConfiguredBucketPassesEveryCheck() {
        reply("acme-backups", "versioning", 200, "versioning-enabled.xml");
        reply("acme-backups", "encryption", 200, "encryption-kms.xml");
        reply("acme-backups", "publicAccessBlock", 200, "public-access-block-all.xml");
        reply("acme-backups", "lifecycle", 200, "lifecycle.xml");

        assertThat(aws(environment).s3Bucket("acme-backups"))
                .hasVersioningEnabled()
                .hasDefaultEncryption()
                .hasDefaultEncryption("aws:kms")
                .blocksAllPublicAccess()
                .hasLifecycleRule()
                .hasLifecycleRule("expire-old-dumps");
        org.assertj.core.api.Assertions.assertThat(s3.requests()).allSatisfy(request -> {
            org.assertj.core.api.Assertions.assertThat(request.method()).isEqualTo("GET");
            org.assertj.core.api.Assertions.assertThat(request.path()).isEqualTo("/acme-backups");
        });
    }

    @Test
    void versioningSuspendedOrNeverEnabledFails() {
        reply("acme-backups", "versioning", 200, "versioning-suspended.xml");
        reply("plain-bucket", "versioning", 200, "versioning-never-enabled.xml");

        assertFails(() -> assertThat(aws(environment).s3Bucket("acme-backups")).hasVersioningEnabled(),
                "S3 bucket acme-backups: expected versioning Enabled, but versioning is Suspended (s3:GetBucketVersioning)");
        assertFails(() -> assertThat(aws(environment).s3Bucket("plain-bucket")).hasVersioningEnabled(),
                "S3 bucket plain-bucket: expected versioning Enabled, but versioning was never enabled (s3:GetBucketVersioning)");
    }

    @Test
    void defaultEncryptionMissingOrOfAnotherKindFails() {
        reply("plain-bucket", "encryption", 404, "no-encryption.xml");
        reply("acme-backups", "encryption", 200, "encryption-aes256.xml");

        assertFails(() -> assertThat(aws(environment).s3Bucket("plain-bucket")).hasDefaultEncryption(),
                "S3 bucket plain-bucket: expected default encryption, but the bucket has no default encryption (s3:GetEncryptionConfiguration)");
        assertFails(() -> assertThat(aws(environment).s3Bucket("acme-backups")).hasDefaultEncryption("aws:kms"),
                "S3 bucket acme-backups: expected default encryption aws:kms, but it is AES256 (s3:GetEncryptionConfiguration)");
    }

    @Test
    void publicAccessNotFullyBlockedFails() {
        reply("acme-backups", "publicAccessBlock", 200, "public-access-block-partial.xml");
        reply("plain-bucket", "publicAccessBlock", 404, "no-public-access-block.xml");

        assertFails(() -> assertThat(aws(environment).s3Bucket("acme-backups")).blocksAllPublicAccess(),
                "S3 bucket acme-backups: expected all public access blocked, but BlockPublicPolicy and RestrictPublicBuckets"
                        + " are off (s3:GetBucketPublicAccessBlock)");
        assertFails(() -> assertThat(aws(environment).s3Bucket("plain-bucket")).blocksAllPublicAccess(),
                "S3 bucket plain-bucket: expected all public access blocked, but the bucket has no public access block"
                        + " (s3:GetBucketPublicAccessBlock)");
    }

    @Test
    void aMissingOrDisabledLifecycleRuleFails() {
        reply("acme-backups", "lifecycle", 200, "lifecycle.xml");
        reply("plain-bucket", "lifecycle", 404, "no-lifecycle.xml");

        assertFails(() -> assertThat(aws(environment).s3Bucket("acme-backups")).hasLifecycleRule("tmp-cleanup"),
                "S3 bucket acme-backups: expected the enabled lifecycle rule tmp-cleanup, but its rules are"
                        + " expire-old-dumps (Enabled), tmp-cleanup (Disabled) (s3:GetLifecycleConfiguration)");
        assertFails(() -> assertThat(aws(environment).s3Bucket("plain-bucket")).hasLifecycleRule(),
                "S3 bucket plain-bucket: expected an enabled lifecycle rule, but the bucket has no lifecycle rule"
                        + " (s3:GetLifecycleConfiguration)");
    }

    @Test
    void aMissingBucketFails() {
        reply("gone-bucket", "versioning", 404, "no-such-bucket.xml");

        assertFails(() -> assertThat(aws(environment).s3Bucket("gone-bucket")).hasVersioningEnabled(),
                "S3 bucket gone-bucket: expected versioning Enabled, but the bucket does not exist (s3:GetBucketVersioning)");
    }

    @Test
    void accessDeniedCouldNotBeChecked() {
        reply("acme-backups", "publicAccessBlock", 403, "access-denied.xml");

        assertThatThrownBy(() -> assertThat(aws(environment).s3Bucket("acme-backups")).blocksAllPublicAccess())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("S3 bucket acme-backups: AWS denied s3:GetBucketPublicAccessBlock in eu-west-1 (AccessDenied);"
                        + " allow s3:GetBucketPublicAccessBlock for the identity the checks run as");
    }

    private static void reply(String bucket, String subresource, int status, String resource) {
        s3.on(request -> request.path().equals("/" + bucket) && request.parameters().containsKey(subresource),
                status, "s3/" + resource, "application/xml", Map.of());
    }

    static void assertFails(Runnable assertion, String message) {
        assertThatThrownBy(assertion::run).isInstanceOf(AssertionError.class).hasMessage(message);
    }
}

package dev.infrajunit.testing;

/**
 * Credentials the SDK's default chain finds first (system properties), so AWS tests never read
 * ~/.aws or the developer's environment, and never ask an instance metadata service.
 */
public final class TestAwsCredentials {

    public static final String ACCESS_KEY = "AKIAINFRAJUNITTEST01";
    public static final String SECRET_KEY = "infra-junit-test-secret";

    static {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    private TestAwsCredentials() {
    }

    /** Call before the first AWS client is built. */
    public static void install() {
        // the static initializer did the work, once per JVM
    }
}

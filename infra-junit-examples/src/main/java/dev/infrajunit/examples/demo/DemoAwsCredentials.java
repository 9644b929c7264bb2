package dev.infrajunit.examples.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo store's credentials, offered to the AWS SDK as system properties (the first place its
 * default credential chain looks) while the demo runs, and taken back when it stops. They exist
 * only in this JVM: nothing is written to {@code ~/.aws} or the process environment.
 */
final class DemoAwsCredentials implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    private DemoAwsCredentials(Map<String, String> values) {
        values.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    }

    static DemoAwsCredentials offer(String accessKeyId, String secretAccessKey) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws.accessKeyId", accessKeyId);
        values.put("aws.secretAccessKey", secretAccessKey);
        return new DemoAwsCredentials(values);
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}

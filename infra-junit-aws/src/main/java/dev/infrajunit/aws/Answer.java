package dev.infrajunit.aws;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What an AWS call answered for an assertion: a value, or a finding that some error replies
 * really are ({@code NoSuchBucket}: "the bucket does not exist"). Every other error is a
 * {@link dev.infrajunit.CouldNotCheckException} from {@link AwsCall}.
 */
record Answer<T>(T value, String finding) {

    boolean found() {
        return finding == null;
    }

    /**
     * @param findings what an error code means for the assertion, e.g.
     *                 {@code NoSuchBucket -> "the bucket does not exist"}
     */
    static <T> Answer<T> ask(AwsContext context, String subject, String action, Map<String, String> findings, Supplier<T> call) {
        return AwsCall.run(context, subject, action, () -> {
            try {
                return new Answer<>(call.get(), null);
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (code != null && findings.containsKey(code)) {
                    return new Answer<>(null, findings.get(code));
                }
                throw e;
            }
        });
    }

    /** {@code S3 bucket x: expected versioning Enabled, but it is Suspended (s3:GetBucketVersioning)}. */
    static String failure(String subject, String expected, String found, String action) {
        return subject + ": expected " + expected + ", but " + found + " (" + action + ")";
    }
}

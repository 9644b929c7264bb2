package dev.infrajunit.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Durations;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one AWS call for a check and turns the SDK's exceptions into a
 * {@link CouldNotCheckException} that names what was being checked, the call (as the IAM action a
 * policy must allow, e.g. {@code ec2:DescribeSnapshots}), the region and the cause, with what to do.
 * Answers that are findings (no such bucket, no such instance) are for the caller to catch first.
 */
@API(status = INTERNAL)
public final class AwsCall {

    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired");
    private static final Set<String> BAD_CREDENTIALS = Set.of("AuthFailure", "InvalidClientTokenId",
            "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidAccessKeyId", "IncompleteSignature",
            "MissingAuthenticationToken", "InvalidToken");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "UnauthorizedAccess", "AuthorizationError", "Forbidden");

    private AwsCall() {
    }

    /**
     * @param subject what is being checked, as failure messages begin: a host name, or
     *                {@code S3 bucket acme-backups}
     * @param action  the IAM action of the call, e.g. {@code s3:ListBucket} for ListObjectsV2
     */
    public static <T> T run(AwsContext context, String subject, String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw new CouldNotCheckException(subject, serviceProblem(context, action, e), e);
        } catch (ApiCallTimeoutException e) {
            throw new CouldNotCheckException(subject, "AWS call " + action + " in " + context.regionLabel()
                    + " did not finish within " + Durations.format(context.callTimeout())
                    + ", retries included", e);
        } catch (SdkClientException e) {
            throw new CouldNotCheckException(subject, clientProblem(context, action, e), e);
        }
    }

    private static String serviceProblem(AwsContext context, String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String where = action + " in " + context.regionLabel();
        if (EXPIRED.contains(code)) {
            return "AWS rejected " + where + ": the credentials have expired (" + code + "); renew them"
                    + context.profile().map(profile -> ", e.g. aws sso login --profile " + profile).orElse("");
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return "AWS rejected the credentials for " + where + " (" + code + ": " + errorMessage(e) + "); check "
                    + context.profile().map(profile -> "the profile " + profile).orElse("the credentials the default chain finds");
        }
        if (DENIED.contains(code) || e.statusCode() == 403) {
            return "AWS denied " + where + " (" + code + "); allow " + action + " for the identity the checks run as";
        }
        if (e.isThrottlingException()) {
            return "AWS throttled " + where + " (" + code + ")" + attempts(e)
                    + "; run again later, or check fewer hosts at once";
        }
        return "AWS call " + where + " failed: " + code + ": " + errorMessage(e) + " (HTTP " + e.statusCode() + ")" + attempts(e);
    }

    private static String clientProblem(AwsContext context, String action, SdkClientException e) {
        String message = String.valueOf(e.getMessage());
        if (context.profile().isPresent() && message.contains("no credentials for profile")) {
            return "no AWS credentials for " + action + ": the profile " + context.profile().get() + " (aws.profile) has none"
                    + " in ~/.aws/config or ~/.aws/credentials; add them, e.g. aws configure --profile " + context.profile().get();
        }
        if (message.contains("Unable to load credentials")) {
            return "no AWS credentials for " + action + ": set aws.profile in the environment file, or provide"
                    + " credentials the SDK's default chain finds (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " AWS_PROFILE, ~/.aws, SSO, an instance role)";
        }
        if (message.contains("Unable to load region")) {
            return "no AWS region for " + action + ": set aws.region in the environment file";
        }
        return "could not reach AWS for " + action + " in " + context.regionLabel() + ": " + message;
    }

    private static String errorMessage(AwsServiceException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
    }

    private static String attempts(AwsServiceException e) {
        Integer attempts = e.numAttempts();
        return attempts == null || attempts < 2 ? "" : " after " + attempts + " attempts";
    }
}

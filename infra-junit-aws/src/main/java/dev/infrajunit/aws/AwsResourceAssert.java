package dev.infrajunit.aws;

import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;

/**
 * What the AWS resource assertions share: one way to call AWS, and one shape of failure message,
 * {@code <resource>: expected <what>, but <found> (<IAM action>)}.
 */
abstract class AwsResourceAssert<SELF extends AwsResourceAssert<SELF, ACTUAL>, ACTUAL extends AwsResource>
        extends AbstractAssert<SELF, ACTUAL> {

    AwsResourceAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * The call's answer. An error reply listed in {@code findings} (error code to what it means,
     * e.g. {@code NoSuchBucket}) fails the assertion; other errors could not be checked.
     */
    <T> T ask(String expected, String action, Map<String, String> findings, Supplier<T> call) {
        isNotNull();
        Answer<T> answer = Answer.ask(actual.context(), actual.toString(), action, findings, call);
        if (!answer.found()) {
            fail(expected, answer.finding(), action);
        }
        return answer.value();
    }

    void fail(String expected, String found, String action) {
        failWithMessage("%s", Answer.failure(subject(), expected, found, action));
    }

    /** How the failure message names the resource; once looked up, it may say more than the subject did. */
    String subject() {
        return actual.toString();
    }
}

package dev.infrajunit.assertions.error;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** A name does not resolve on a host as expected: not at all, to other addresses, or when it should not. */
public final class ShouldResolve extends InfraErrorMessage {

    private ShouldResolve(String host, String expectation, String found, String source) {
        super(host, expectation, found, source);
    }

    public static ErrorMessageFactory shouldResolve(String host, String name, String source) {
        return new ShouldResolve(host, name + " to resolve", "it does not", source);
    }

    public static ErrorMessageFactory shouldResolveTo(String host, String name, List<String> expected,
                                                      List<String> actual, String source) {
        return new ShouldResolve(host, name + " to resolve to " + String.join(", ", expected),
                actual.isEmpty() ? "it does not resolve" : "it resolves to " + String.join(", ", actual), source);
    }

    public static ErrorMessageFactory shouldNotResolve(String host, String name, List<String> actual, String source) {
        return new ShouldResolve(host, name + " not to resolve", "it resolves to " + String.join(", ", actual), source);
    }
}

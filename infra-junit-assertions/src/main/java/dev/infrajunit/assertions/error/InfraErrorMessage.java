package dev.infrajunit.assertions.error;

import org.assertj.core.description.Description;
import org.assertj.core.error.DescriptionFormatter;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;

/**
 * The shape every host failure message shares: {@code HOST: expected WHAT, but FOUND (WHERE)}, where
 * WHERE says which command or file the finding came from, so an operator can look for themselves.
 * Values are written as the host printed them, unquoted: an operator compares them with what a
 * shell shows, not with Java string literals.
 */
public abstract class InfraErrorMessage implements ErrorMessageFactory {

    private final String message;

    protected InfraErrorMessage(String host, String expectation, String finding, String source) {
        this.message = host + ": expected " + expectation + ", but " + finding + " (" + source + ")";
    }

    @Override
    public String create(Description description, Representation representation) {
        return DescriptionFormatter.instance().format(description) + message;
    }

    @Override
    public String create(Description description) {
        return create(description, null);
    }

    @Override
    public String create() {
        return message;
    }

    @Override
    public String toString() {
        return message;
    }
}

package dev.infrajunit.assertions.host;

import dev.infrajunit.Host;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Base of the assertions about one thing on a host. Subclasses keep what they read from the host
 * in fields, so a chain such as {@code file(p).exists().hasMode("600").hasOwner("root")} runs
 * {@code stat} once.
 */
public abstract class HostSubjectAssert<SELF extends HostSubjectAssert<SELF, S>, S extends HostSubject>
        extends AbstractAssert<SELF, S> {

    protected HostSubjectAssert(S subject, Class<?> selfType) {
        super(subject, selfType);
    }

    protected Host host() {
        return actual.host();
    }

    protected String hostName() {
        return actual.host().name();
    }

    protected String subject() {
        return actual.describe();
    }

    /** Fails with the message; declared to return so callers can write {@code throw fail(...)}. */
    protected AssertionError fail(ErrorMessageFactory message) {
        throwAssertionError(message);
        return new AssertionError("unreachable");
    }
}

package dev.infrajunit.assertions;

import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * How {@link HostAssert} creates the assertion objects it navigates to ({@code file(...)},
 * {@code port(...)}). AssertJ's soft-assertion proxies only cover methods AssertJ knows to change
 * the subject, so a soft {@code HostAssert} must create soft children itself, through the same
 * provider, or a failure on {@code softly.assertThat(host).file(p).exists()} would throw at once.
 */
abstract class Navigation {

    /** Plain assertions: the first failure throws. */
    static final Navigation STRICT = new Navigation() {
        @Override
        <A extends AbstractAssert<A, T>, T> A to(Class<A> assertType, Class<T> subjectType, T subject, Function<T, A> create) {
            return create.apply(subject);
        }
    };

    /** Children of a soft {@code HostAssert}: soft proxies collecting into the same provider. */
    static Navigation soft(SoftAssertionsProvider provider) {
        return new Navigation() {
            @Override
            <A extends AbstractAssert<A, T>, T> A to(Class<A> assertType, Class<T> subjectType, T subject, Function<T, A> create) {
                return provider.proxy(assertType, subjectType, subject);
            }
        };
    }

    abstract <A extends AbstractAssert<A, T>, T> A to(Class<A> assertType, Class<T> subjectType, T subject, Function<T, A> create);
}

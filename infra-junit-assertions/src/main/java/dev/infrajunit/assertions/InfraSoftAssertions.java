package dev.infrajunit.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import dev.infrajunit.Host;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Collects failures across hosts and subjects instead of stopping at the first, including those of
 * navigated subjects ({@code softly.assertThat(host).file(p).hasMode("600")}):
 * <pre>{@code
 * try (InfraSoftAssertions softly = new InfraSoftAssertions()) {
 *     for (Host host : hosts("role:web")) {
 *         softly.assertThat(host).pkg("nginx").isInstalled();
 *         softly.assertThat(host).port(443).isListening();
 *     }
 * }   // fails here with every failure, each naming its host
 * }</pre>
 * A host that cannot be checked at all ({@link dev.infrajunit.CouldNotCheckException}) is not a
 * failure to collect: it ends the block at once, with the failures collected so far attached.
 */
@API(status = STABLE)
public class InfraSoftAssertions extends AbstractSoftAssertions implements AutoCloseable {

    public HostAssert assertThat(Host host) {
        HostAssert soft = proxy(HostAssert.class, Host.class, host);
        soft.navigation = Navigation.soft(this);
        return soft;
    }

    /** Fails with every collected failure, if any. */
    @Override
    public void close() {
        assertAll();
    }

    /** Runs the checks softly and fails afterwards with every failure they collected. */
    public static void assertSoftly(Consumer<InfraSoftAssertions> checks) {
        try (InfraSoftAssertions softly = new InfraSoftAssertions()) {
            checks.accept(softly);
        }
    }
}

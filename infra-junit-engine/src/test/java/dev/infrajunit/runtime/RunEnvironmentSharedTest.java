package dev.infrajunit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.environment.EnvironmentDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunEnvironmentSharedTest {

    /** Distinct keys with one hash code: they land in the same bucket of any hash map. */
    private record CollidingKey(String name) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable resource(String name) {
        return () -> closed.add(name);
    }

    @Test
    void aSharedResourceMayAskForAnotherWhileItIsCreated() {
        // An AWS client is created with a credentials provider that is itself shared.
        RunEnvironment environment = new RunEnvironment(new EnvironmentDefinition("test", Optional.empty(), Map.of(), List.of()));

        AutoCloseable client = environment.shared(new CollidingKey("client"), () -> {
            environment.shared(new CollidingKey("credentials"), () -> resource("credentials"));
            return resource("client");
        });

        assertThat(environment.shared(new CollidingKey("client"), () -> resource("again"))).isSameAs(client);
        environment.close();
        assertThat(closed).containsExactly("client", "credentials");
    }

    /**
     * A check abandoned at its timeout may go on after the run has ended; what it would open then
     * would never be closed (an AWS client and its connections), so nothing is opened.
     */
    @Test
    void aRunThatHasEndedOpensNothingMore() {
        RunEnvironment environment = new RunEnvironment(new EnvironmentDefinition("test", Optional.empty(), Map.of(), List.of()));
        environment.shared("client", () -> resource("client"));
        environment.close();
        List<String> created = new ArrayList<>();

        assertThatThrownBy(() -> environment.shared("late client", () -> {
            created.add("late client");
            return resource("late client");
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("The run of environment 'test' is over and has closed what it opened; late client is not opened again");
        assertThat(created).isEmpty();
        assertThat(closed).containsExactly("client");
    }
}

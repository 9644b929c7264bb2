package dev.infrajunit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.Host;
import dev.infrajunit.environment.EnvironmentLoader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a run keeps of a host lasts until the host's last check of the run has finished. */
class HostLifetimeTest {

    @Test
    void aHostsFactsAreForgottenWhenItsLastCheckHasFinished() {
        AtomicInteger fetches = new AtomicInteger();
        try (RunEnvironment run = new RunEnvironment(new EnvironmentLoader(getClass().getClassLoader(), name -> null).parse("""
                hosts:
                  db-1: { transport: local }
                  db-2: { transport: local }
                """, "lifetime", Optional.empty()))) {
            run.expectChecks(Map.of("db-1", 2, "db-2", 1));
            Host db1 = run.host("db-1");

            assertThat(db1.fact("test.packages", fetches::incrementAndGet)).isEqualTo(1);
            run.checkFinished("db-1");
            assertThat(db1.fact("test.packages", fetches::incrementAndGet)).as("one check of db-1 is left").isEqualTo(1);
            run.checkFinished("db-1");
            assertThat(db1.fact("test.packages", fetches::incrementAndGet)).as("asked again after its checks").isEqualTo(2);
        }
    }
}

package dev.infrajunit;

import dev.infrajunit.runtime.ActiveEnvironment;
import java.util.List;

/**
 * Static access to the active environment, for specs: {@code assertThat(host("db-3")).hasRecentBackup()}.
 * Inside an infra-junit run this is the run's environment; from a plain JUnit Jupiter test it is
 * loaded on first use from the same configuration ({@code infra.environment}).
 */
public final class Infra {

    private Infra() {
    }

    /**
     * The host of that name.
     *
     * @throws UnknownHostException naming the closest known hosts
     */
    public static Host host(String name) {
        return environment().host(name);
    }

    /** The hosts a selector such as {@code role:database,!db-3} matches, in file order. */
    public static List<Host> hosts(String selector) {
        return environment().hosts(selector);
    }

    /** The active environment. */
    public static Environment environment() {
        return ActiveEnvironment.get();
    }
}

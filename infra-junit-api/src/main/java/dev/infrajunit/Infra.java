package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * Static access to the active environment, for specs: {@code assertThat(host("db-3")).hasRecentBackup()}.
 * Inside an infra-junit run this is the run's environment; from a plain JUnit Jupiter test it is
 * loaded on first use from the same configuration ({@code infra.environment}).
 */
@API(status = STABLE)
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

    /**
     * The hosts a selector such as {@code role:database,!db-3} matches, in file order.
     *
     * @throws IllegalArgumentException when the selector is malformed or matches no host: a check
     *         looping over no host would pass having checked nothing (a {@code @ForEachHost} with
     *         such a selector is an error too); where no host may be right, ask
     *         {@code Infra.environment().hosts(selector)}, which answers an empty list
     */
    public static List<Host> hosts(String selector) {
        List<Host> hosts = environment().hosts(selector);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("Infra.hosts(\"" + selector + "\"): "
                    + Engine.ACCESS.noMatch(selector) + ". A check over no host checks nothing;"
                    + " where none may be right, ask Infra.environment().hosts(selector)");
        }
        return hosts;
    }

    /**
     * Publishes {@code key = value} as a report entry of the running check, where IDEs, Open Test
     * Reporting XML and the infra-junit HTML report show it: for example what a check measured.
     *
     * @throws IllegalStateException when no check of an infra-junit run is running on this thread
     */
    public static void report(String key, String value) {
        Engine.ACCESS.report(key, value);
    }

    /** The active environment. */
    public static Environment environment() {
        return Engine.ACCESS.active();
    }

    /** The engine's side, looked up once, when a spec first asks. */
    private static final class Engine {

        static final EnvironmentAccess ACCESS = ServiceLoader.load(EnvironmentAccess.class, Infra.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Infra needs the infra-junit engine on the class path:"
                        + " add the dependency dev.infrajunit:infra-junit-engine (infra-junit-assertions brings it)"));
    }
}

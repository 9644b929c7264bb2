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
     * Reporting XML, the infra-junit HTML report and the monitor receive it with the check's node: for
     * example what a check measured ({@code hasRecentBackup} publishes each policy's newest backup
     * age this way). Outside a check (a plain JUnit Jupiter test, or a thread the check started
     * itself) it is ignored, so that code shared with such tests need not ask where it runs.
     *
     * @throws IllegalArgumentException when the key or the value is blank
     */
    public static void report(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Infra.report needs a key, but got " + (key == null ? "null" : "'" + key + "'"));
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Infra.report(\"" + key + "\", value) needs a value, but got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
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

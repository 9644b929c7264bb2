package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A kind of transport that an environment file names with a map,
 * {@code transport: { exec: [docker, exec, -i, "${host}", sh, -s] }}, next to the engine's own
 * {@code ssh} and {@code local}. Found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.infrajunit.spi.TransportProvider}); the engine checks the map against
 * {@link #keys()} where the file writes it, and opens one transport per host, on the host's first
 * command, closed when the run ends.
 */
@API(status = EXPERIMENTAL)
public interface TransportProvider {

    /** The key that names the kind inside {@code transport:}, such as {@code exec}. */
    String kind();

    /** The keys of the {@code transport:} map, the kind's own first. */
    Keys keys();

    /**
     * A transport to one host. Nothing need be reached yet: a host that cannot be reached is a
     * {@link dev.infrajunit.CouldNotCheckException} of its first command.
     */
    Transport open(Target host);

    /**
     * The host a transport is for.
     *
     * @param name           the host's name, which every message begins with
     * @param address        its {@code address}
     * @param options        the checked {@code transport:} map, such as {@code {exec=[docker, exec, ...]}}
     * @param commandTimeout its {@code commandTimeout}, how long one command may take
     */
    record Target(String name, String address, Map<String, Object> options, Duration commandTimeout) {

        public Target {
            options = Map.copyOf(options);
        }
    }
}

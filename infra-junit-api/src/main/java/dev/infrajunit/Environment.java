package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The environment a run checks: its hosts and settings, as read from the environment file that
 * {@code infra.environment} selects.
 */
@API(status = STABLE)
public interface Environment {

    /** The name it was selected by: {@code staging}, or the file name of a path. */
    String name();

    /** The file it was read from, when it came from a file. */
    Optional<Path> source();

    /** Every host, in the order of the environment file. */
    List<Host> hosts();

    /**
     * The host of that name.
     *
     * @throws UnknownHostException naming the closest known host names
     */
    Host host(String name);

    /**
     * The hosts a selector matches, in file order; empty when none match.
     *
     * @throws IllegalArgumentException when the selector is malformed
     */
    List<Host> hosts(String selector);

    /** The top-level settings of the environment file ({@code aws}, {@code ssh}, ...). */
    Map<String, Object> settings();

    /**
     * A resource shared by every check of this run and closed when the run ends, such as an AWS
     * client per service and region. Created on first request, once, even under concurrency.
     */
    <T extends AutoCloseable> T shared(Object key, Supplier<T> create);
}

package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * One host a {@link HostSource} found.
 *
 * @param name   the host's name, as selectors and reports show it
 * @param origin where it was found, for messages: {@code Host web-1 in /home/ops/.ssh/config},
 *               {@code EC2 instance i-0abc}
 * @param keys   the host's own keys as an environment file would write them under {@code hosts:}
 *               ({@code address}, {@code transport}, {@code ssh}, {@code aws}, ...), as plain values;
 *               checked like a written host's, and winning over what its roles and the top level give
 */
@API(status = EXPERIMENTAL)
public record DiscoveredHost(String name, String origin, Map<String, Object> keys) {

    public DiscoveredHost {
        keys = Map.copyOf(keys);
    }
}

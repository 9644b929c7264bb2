package dev.infrajunit.transport;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transports of one run: one per host, created on first use and shared by all of that host's
 * checks, and all closed when the run ends.
 */
public final class Transports implements AutoCloseable {

    private final EnvironmentDefinition environment;
    private final Map<String, Transport> byHost = new ConcurrentHashMap<>();

    public Transports(EnvironmentDefinition environment) {
        this.environment = environment;
    }

    /** The transport for a host of this run's environment. */
    public Transport forHost(HostDefinition host) {
        return byHost.computeIfAbsent(host.name(), name -> create(host));
    }

    private Transport create(HostDefinition host) {
        return switch (host.transport()) {
            case "local" -> new LocalTransport(host.name());
            default -> throw new CouldNotCheckException(host.name(), "SSH transport not built yet");
        };
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Transport transport : byHost.values()) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        byHost.clear();
        if (failure != null) {
            throw failure;
        }
    }
}

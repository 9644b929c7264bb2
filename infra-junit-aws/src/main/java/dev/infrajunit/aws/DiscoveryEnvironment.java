package dev.infrajunit.aws;

import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import dev.infrajunit.UnknownHostException;
import dev.infrajunit.spi.HostSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The environment as a host source sees it while hosts are discovered, before the run begins: its
 * settings, and the AWS clients and credentials its calls share, closed when discovery ends.
 */
final class DiscoveryEnvironment implements Environment, AutoCloseable {

    private final HostSource.Context context;
    private final Map<Object, AutoCloseable> shared = new LinkedHashMap<>();

    DiscoveryEnvironment(HostSource.Context context) {
        this.context = context;
    }

    @Override
    public String name() {
        return context.environmentName();
    }

    @Override
    public Optional<Path> source() {
        return context.environmentFile();
    }

    @Override
    public List<Host> hosts() {
        return List.of();
    }

    @Override
    public Host host(String name) {
        throw new UnknownHostException(name, name(), List.of());
    }

    @Override
    public List<Host> hosts(String selector) {
        return List.of();
    }

    @Override
    public Map<String, Object> settings() {
        return context.settings();
    }

    @Override
    public synchronized <T extends AutoCloseable> T shared(Object key, Supplier<T> create) {
        @SuppressWarnings("unchecked")
        T resource = (T) shared.computeIfAbsent(key, any -> create.get());
        return resource;
    }

    /** Closes what was shared, the last created first, as a run does. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> resources = new ArrayList<>(shared.values());
        shared.clear();
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + resources.get(i), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

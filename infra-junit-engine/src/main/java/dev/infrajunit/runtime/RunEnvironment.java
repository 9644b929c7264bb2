package dev.infrajunit.runtime;

import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import dev.infrajunit.UnknownHostException;
import dev.infrajunit.concurrent.OncePerKey;
import dev.infrajunit.concurrent.ThreadLimit;
import dev.infrajunit.environment.ClosestNames;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostSelector;
import dev.infrajunit.transport.Transports;
import dev.infrajunit.transport.ssh.SshOptions;
import dev.infrajunit.transport.ssh.SshTransports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The environment as one run uses it: hosts with their connections and facts, and every shared
 * resource, all closed together when the run ends.
 */
public final class RunEnvironment implements Environment, AutoCloseable {

    /** How many hosts past the ones being checked are connected ahead. */
    private static final int CONNECT_AHEAD = 4;

    private final EnvironmentDefinition definition;
    private final Transports transports;
    private final Map<String, RunHost> hosts = new LinkedHashMap<>();
    private final OncePerKey<AutoCloseable> shared = new OncePerKey<>();
    private final Map<String, AtomicInteger> checksLeft = new ConcurrentHashMap<>();
    // the hosts in the order their checks run, those whose checks have started, and those connected ahead
    // whose checks have not started yet; guarded by hostOrder
    private final List<String> hostOrder = new ArrayList<>();
    private final Map<String, Integer> hostPlace = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> prepared = new HashSet<>();
    // Closed last-opened first, like try-with-resources, so a client closes before what it uses.
    private final Deque<AutoCloseable> closeOrder = new ArrayDeque<>();
    // guarded by closeOrder
    private boolean closed;

    public RunEnvironment(EnvironmentDefinition definition) {
        this(definition, SshOptions.DEFAULT_BATCH_WINDOW);
    }

    /** @param batchWindow how long a host's first command waits for others to share its SSH session */
    public RunEnvironment(EnvironmentDefinition definition, Duration batchWindow) {
        this.definition = definition;
        this.transports = new Transports(definition, () -> new SshTransports(definition,
                SshOptions.defaults().withBatchWindow(batchWindow)).countingChecks(this::checksLeft));
        for (HostDefinition host : definition.hosts()) {
            hosts.put(host.name(), new RunHost(host, this, transports));
        }
    }

    /**
     * How many checks of this run each host has: when the last of a host's has finished, its
     * connection is closed, so a run holds connections only to the hosts it is working on.
     */
    public void expectChecks(Map<String, Integer> checksByHost) {
        checksByHost.forEach((host, count) -> checksLeft.put(host, new AtomicInteger(count)));
        synchronized (hostOrder) {
            checksByHost.keySet().stream().filter(hosts::containsKey).forEach(host -> {
                hostPlace.put(host, hostOrder.size());
                hostOrder.add(host);
            });
        }
    }

    /**
     * A check of the host starts. The first of a host's checks has the next hosts of the run
     * connect ahead, a few at most, so that the time to connect to them overlaps the work on
     * this one: the checks run host by host in the order given to {@link #expectChecks}.
     */
    public void checkStarted(String hostName) {
        synchronized (hostOrder) {
            if (!started.add(hostName)) {
                return;
            }
            prepared.remove(hostName);
            if (ThreadLimit.refusals() > 0) {
                // a connection has threads of its own: a process at its thread limit opens none ahead
                return;
            }
            Integer place = hostPlace.get(hostName);
            for (int i = place == null ? hostOrder.size() : place + 1;
                 i < hostOrder.size() && prepared.size() < CONNECT_AHEAD; i++) {
                String next = hostOrder.get(i);
                if (!started.contains(next) && prepared.add(next)) {
                    transports.prepare(hosts.get(next).definition());
                }
            }
        }
    }

    /** One check of the host has finished (or was skipped). */
    public void checkFinished(String hostName) {
        AtomicInteger left = checksLeft.get(hostName);
        if (left == null) {
            return;
        }
        int now = left.decrementAndGet();
        transports.checkFinished(hostName);
        if (now == 0) {
            transports.release(hostName);
            // its package list and the like: memory follows the hosts in progress, not the fleet
            RunHost host = hosts.get(hostName);
            if (host != null) {
                host.forgetFacts();
            }
        }
    }

    /** The host's checks of this run that have not finished, or -1 for a host whose checks are not counted. */
    private int checksLeft(String hostName) {
        AtomicInteger left = checksLeft.get(hostName);
        return left == null ? -1 : left.get();
    }

    public EnvironmentDefinition definition() {
        return definition;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public Optional<Path> source() {
        return definition.source();
    }

    @Override
    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    @Override
    public Host host(String name) {
        RunHost host = hosts.get(name);
        if (host == null) {
            throw new UnknownHostException(name, name(), ClosestNames.closest(name, hosts.keySet()));
        }
        return host;
    }

    @Override
    public List<Host> hosts(String selector) {
        HostSelector parsed = HostSelector.parse(selector);
        return hosts.values().stream()
                .filter(host -> parsed.matches(host.name(), host.roles(), host.properties()))
                .map(Host.class::cast)
                .toList();
    }

    @Override
    public Map<String, Object> settings() {
        return definition.settings();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends AutoCloseable> T shared(Object key, Supplier<T> create) {
        synchronized (closeOrder) {
            if (closed) {
                throw over(key);
            }
        }
        try {
            // Creating one resource may ask for another (an AWS client for its shared credentials).
            return (T) shared.get(key, create, resource -> {
                synchronized (closeOrder) {
                    if (!closed) {
                        closeOrder.push(resource);
                        return;
                    }
                }
                // created while the run closed: nobody would close it later
                try {
                    resource.close();
                } catch (Exception e) {
                    // it is not used either way
                }
                throw over(key);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the shared resource " + key, e);
        }
    }

    // A check abandoned at its timeout may still run after the run has ended.
    private IllegalStateException over(Object key) {
        return new IllegalStateException("The run of environment '" + name() + "' is over and has closed what it opened; "
                + key + " is not opened again");
    }

    @Override
    public void close() {
        Exception failure = null;
        synchronized (closeOrder) {
            closed = true;
            while (!closeOrder.isEmpty()) {
                try {
                    closeOrder.pop().close();
                } catch (Exception e) {
                    failure = addTo(failure, e);
                }
            }
        }
        shared.clear();
        try {
            transports.close();
        } catch (RuntimeException e) {
            failure = addTo(failure, e);
        }
        if (failure != null) {
            throw new IllegalStateException("Could not close everything the run opened: " + failure.getMessage(), failure);
        }
    }

    private static Exception addTo(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}

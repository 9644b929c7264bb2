package dev.infrajunit.transport;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.spi.Transport;
import dev.infrajunit.spi.TransportProvider;
import dev.infrajunit.transport.ssh.SshTransports;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The transports of one run: one per host, created on first use and shared by all of that host's
 * checks, and all closed when the run ends.
 */
public final class Transports implements AutoCloseable {

    private final EnvironmentDefinition environment;
    private final Map<String, Transport> byHost = new ConcurrentHashMap<>();
    private final Supplier<SshTransports> sshFactory;
    // made on first use: a run without SSH hosts pays nothing for SSH
    private SshTransports ssh;

    public Transports(EnvironmentDefinition environment) {
        this(environment, () -> new SshTransports(environment));
    }

    /** With the SSH transports made elsewhere, for example with other {@code SshOptions}. */
    public Transports(EnvironmentDefinition environment, Supplier<SshTransports> ssh) {
        this.environment = environment;
        this.sshFactory = ssh;
    }

    /** The transport for a host of this run's environment. */
    public Transport forHost(HostDefinition host) {
        Transport existing = byHost.get(host.name());
        if (existing != null) {
            return existing;
        }
        // made outside the map's lock: an SSH host's first reads its client configuration (ssh -G), which takes a while
        Transport created = create(host);
        Transport first = byHost.putIfAbsent(host.name(), created);
        if (first == null) {
            return created;
        }
        if (first != created) {
            // another check of the host made one meanwhile; SSH hosts' transports are kept by SshTransports,
            // which hands both checks the same one, and that one must stay open
            created.close();
        }
        return first;
    }

    /** The host's connection is not needed any more for now: its checks of the run have all finished. */
    public void release(String hostName) {
        Transport transport = byHost.get(hostName);
        if (transport != null) {
            transport.release();
        }
    }

    /** The host's checks come soon: its transport may connect ahead of them. */
    public void prepare(HostDefinition host) {
        try {
            forHost(host).prepare();
        } catch (RuntimeException e) {
            // its first check reports what is wrong with it
        }
    }

    /** One check of the host finished: commands its other checks wait for need not wait for it. */
    public void checkFinished(String hostName) {
        SshTransports made;
        synchronized (this) {
            made = ssh;
        }
        if (made != null) {
            made.checkFinished(hostName);
        }
    }

    /** A check of the host waits for a fact that another is fetching (+1), or has it (-1). */
    public void waitingForFact(HostDefinition host, int change) {
        if (host.transport().equals("ssh")) {
            ssh().waitingForFact(host, change);
        }
    }

    private Transport create(HostDefinition host) {
        return switch (host.transport()) {
            case "local" -> new LocalTransport(host.name());
            case "ssh" -> ssh().forHost(host);
            case "none" -> new NoShell(host.name());
            default -> provider(host).open(new TransportProvider.Target(host.name(), host.address(),
                    host.properties().get("transport") instanceof Map<?, ?> options ? stringKeys(options) : Map.of(),
                    host.commandTimeout()));
        };
    }

    private static TransportProvider provider(HostDefinition host) {
        return ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(provider -> provider.kind().equals(host.transport())).findFirst()
                .orElseThrow(() -> new CouldNotCheckException(host.name(), "unknown transport '" + host.transport()
                        + "': use ssh (the default), local, none, or a transport kind whose plug-in is on the class path"));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> options = new LinkedHashMap<>();
        map.forEach((key, value) -> options.put(String.valueOf(key), value));
        return options;
    }

    private synchronized SshTransports ssh() {
        if (ssh == null) {
            ssh = sshFactory.get();
        }
        return ssh;
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
        try {
            // also the jump hosts' connections, which no host of the run owns
            synchronized (this) {
                if (ssh != null) {
                    ssh.close();
                }
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

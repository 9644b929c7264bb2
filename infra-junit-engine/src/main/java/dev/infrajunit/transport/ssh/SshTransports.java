package dev.infrajunit.transport.ssh;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.concurrent.DaemonThreads;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.spi.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.ToIntFunction;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;

/**
 * The SSH side of one run: one {@link Transport} per host, and what they share: the SSHJ
 * configuration, decoded keys, parsed known_hosts files, the ssh-agent, the reader threads, and
 * the jump host connections. Creating a transport connects nothing; the first command does.
 */
public final class SshTransports implements AutoCloseable {

    private final EnvironmentDefinition environment;
    private final SshOptions options;
    private final SshTargets targets;
    private final SshConnector connector;
    private final RemoteExecution execution;
    private final ExecutorService readers;
    private final ScheduledExecutorService alarms;
    private final Map<String, SshTransport> transports = new LinkedHashMap<>();
    private final Map<SshTarget, SshTransport> jumps = new LinkedHashMap<>();
    // in the order made, so that closing in reverse closes a host before its jump host
    private final List<SshTransport> opened = new ArrayList<>();
    private final Set<String> resolving = new LinkedHashSet<>();
    private ToIntFunction<String> checksLeft = host -> -1;
    private boolean closed;

    /**
     * SSHJ's configuration, made once per JVM: making one tries every cipher SSHJ knows, key
     * schedules and all, which a monitor would otherwise pay on every cycle. Nothing changes it
     * once made, so every connection of every run shares it.
     */
    private static final class ClientConfig {

        static final DefaultConfig SHARED = create();

        private static DefaultConfig create() {
            DefaultConfig config = new DefaultConfig();
            // SSHJ's default keep-alive never notices a dead peer; this one disconnects after missed replies.
            config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
            return config;
        }
    }

    public SshTransports(EnvironmentDefinition environment) {
        this(environment, SshOptions.defaults());
    }

    public SshTransports(EnvironmentDefinition environment, SshOptions options) {
        this.environment = environment;
        this.options = options;
        DefaultConfig config = ClientConfig.SHARED;
        this.targets = new SshTargets(options);
        this.readers = DaemonThreads.pool("infra-ssh-reader");
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("infra-ssh-timeout"));
        timer.setRemoveOnCancelPolicy(true);
        this.alarms = timer;
        this.connector = new SshConnector(config,
                new Authenticator(new IdentityKeys(config, options.environment()), new SshAgent(options.environment())),
                new HostKeyWarnings(options.warnings()), options, alarms, readers);
        this.execution = new RemoteExecution(readers, alarms);
    }

    /**
     * Where the run counts each host's checks that have not finished yet ({@code -1} for a host
     * it does not count): a host's batch of commands then leaves as soon as all of them wait.
     */
    public synchronized SshTransports countingChecks(ToIntFunction<String> left) {
        this.checksLeft = left;
        return this;
    }

    /** One check of the host finished: its other checks may all be waiting for a batch now. */
    public void checkFinished(String hostName) {
        SshTransport transport;
        synchronized (this) {
            transport = transports.get(hostName);
        }
        if (transport != null) {
            transport.checkFinished();
        }
    }

    /** A check of the host waits for a fact another one is fetching (+1), or has it (-1): it sends no command meanwhile. */
    public void waitingForFact(HostDefinition host, int change) {
        try {
            sshTransport(host).waitingForFact(change);
        } catch (CouldNotCheckException e) {
            // the run is over, or the host's settings are wrong: its checks say so
        }
    }

    /**
     * The transport of an SSH host of this run's environment. What the host's SSH client
     * configuration says about it is read first, outside the lock: {@code ssh -G} takes a while for
     * each host (about 14 ms, more with a {@code Match exec}), and the hosts of a run are looked up at
     * the same time instead of one after the other.
     */
    public Transport forHost(HostDefinition host) {
        return sshTransport(host);
    }

    private SshTransport sshTransport(HostDefinition host) {
        targets.prepare(host.name(), host.address(), host.ssh());
        synchronized (this) {
            if (closed) {
                throw new CouldNotCheckException(host.name(), "the run is over: its SSH connections are closed");
            }
            return transport(host);
        }
    }

    private SshTransport transport(HostDefinition host) {
        SshTransport existing = transports.get(host.name());
        if (existing != null) {
            return existing;
        }
        if (!resolving.add(host.name())) {
            throw new CouldNotCheckException(host.name(), "its jump hosts form a loop: "
                    + String.join(" -> ", resolving) + " -> " + host.name() + ". Fix ssh.jumpHost");
        }
        try {
            SshTarget target = targets.resolve(host.name(), host.address(), host.ssh());
            SshTransport jump = target.jump().map(spec -> jump(host, spec)).orElse(null);
            SshTransport created = new SshTransport(target, host.sudo(), jump, connector, execution,
                    options.maxSessionsPerConnection(), options.batchWindow().toNanos(),
                    readers);
            created.checksLeft(() -> checksLeft.applyAsInt(host.name()));
            transports.put(host.name(), created);
            opened.add(created);
            return created;
        } finally {
            resolving.remove(host.name());
        }
    }

    /**
     * The transport through which {@code host} is reached: another host of the environment, or
     * {@code user@host:port}; a comma-separated chain is walked from its last hop back.
     */
    private SshTransport jump(HostDefinition host, String spec) {
        String hop = spec.substring(spec.lastIndexOf(',') + 1).trim();
        Optional<String> before = spec.contains(",") ? Optional.of(spec.substring(0, spec.lastIndexOf(','))) : Optional.empty();
        Optional<HostDefinition> named = environment.hosts().stream().filter(h -> h.name().equals(hop)).findFirst();
        if (named.isPresent()) {
            if (named.get().isLocal()) {
                throw new CouldNotCheckException(host.name(), "its jump host " + hop + " is a local host; a jump host must be reached over SSH");
            }
            return transport(named.get());
        }
        String key = "jump " + hop + " via " + before.orElse("");
        if (!resolving.add(key)) {
            throw new CouldNotCheckException(host.name(), "its jump hosts form a loop: "
                    + String.join(" -> ", resolving) + " -> " + hop + ". Fix ssh.jumpHost or ProxyJump");
        }
        try {
            // shared only by hosts that reach it the same way: same user, keys, known_hosts and checking
            SshTarget target = targets.resolveJump(host.name(), hop, host.ssh(), before);
            SshTransport existing = jumps.get(target);
            if (existing != null) {
                return existing;
            }
            SshTransport through = target.jump().map(j -> jump(host, j)).orElse(null);
            SshTransport created = new SshTransport(target, false, through, connector, execution, options.maxSessionsPerConnection(),
                    options.batchWindow().toNanos(), readers);
            jumps.put(target, created);
            opened.add(created);
            return created;
        } finally {
            resolving.remove(key);
        }
    }

    /** Closes every connection of the run, the hosts' before their jump hosts'. */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
        transports.clear();
        jumps.clear();
        readers.shutdownNow();
        alarms.shutdownNow();
    }
}

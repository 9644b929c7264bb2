package dev.infrajunit.benchmark;

import dev.infrajunit.embedded.OpenSshFleet;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.SocketFactory;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * SSHJ alone, what {@link FleetBenchmark} measures infra-junit against: on as many threads as the
 * run's parallelism, each host's connection is opened, the command lines the run sent to that host
 * run in a given number of sessions, and the connection is closed. Runs in the benchmark's JVM and,
 * through {@link #main}, in a fresh one.
 */
final class BareSshjLoop {

    /** As many sessions per host as it was sent commands: one per check. */
    static final int SESSION_PER_COMMAND = Integer.MAX_VALUE;
    private static final DefaultConfig SSHJ_CONFIG = new DefaultConfig();

    private BareSshjLoop() {
    }

    /**
     * Runs the loop over {@code hosts}; {@code commands} has each host's command lines by its name in
     * the benchmark's environment ({@code host-1}, {@code host-2}, ...).
     */
    static void run(OpenSshFleet fleet, List<OpenSshFleet.Endpoint> hosts, Map<String, List<String>> commands,
                    int sessionsPerHost, int parallelism) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        // as the run reads its known_hosts file, so does the loop; SSHJ's configuration both make once per JVM
        OpenSSHKnownHosts knownHosts = new OpenSSHKnownHosts(fleet.knownHosts().toFile());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                OpenSshFleet.Endpoint host = hosts.get(i);
                List<String> sent = commands.get("host-" + (i + 1));
                if (sent == null || sent.isEmpty()) {
                    throw new IllegalStateException("the run sent no command to host-" + (i + 1));
                }
                done.add(pool.submit(() -> {
                    try (SSHClient client = new SSHClient(SSHJ_CONFIG)) {
                        client.setSocketFactory(new NoDelay());
                        client.addHostKeyVerifier(knownHosts);
                        client.connect(host.address(), host.port());
                        client.authPublickey(fleet.user(), client.loadKeys(fleet.identityFile().toString()));
                        for (String script : sessionScripts(sent, sessionsPerHost)) {
                            try (Session session = client.startSession()) {
                                Session.Command command = session.exec(script);
                                command.getInputStream().transferTo(OutputStream.nullOutputStream());
                                command.join();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What each of {@code sessions} sessions runs: the commands dealt out over them in turn (three
     * sessions: commands 1, 4, 7; 2, 5, 8; 3, 6), or with as many sessions as commands or more,
     * one command each.
     */
    static List<String> sessionScripts(List<String> commands, int sessions) {
        List<String> scripts = new ArrayList<>();
        int used = Math.min(sessions, commands.size());
        for (int i = 0; i < used; i++) {
            List<String> dealt = new ArrayList<>();
            for (int c = i; c < commands.size(); c += used) {
                dealt.add(commands.get(c));
            }
            scripts.add(String.join("\n", dealt));
        }
        return scripts;
    }

    /** Writes the run's command lines (a serializable map of serializable lists) for {@link #main} to read. */
    static void write(Map<String, List<String>> commands, Path file) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(commands);
        }
    }

    /**
     * Arguments: the file {@link #write} wrote, the number of hosts, sessions per host, the
     * parallelism. The fleet is the one the benchmark's environment names. Prints the loop's wall
     * seconds.
     */
    public static void main(String[] args) throws Exception {
        Map<String, List<String>> commands;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            @SuppressWarnings("unchecked")
            Map<String, List<String>> read = (Map<String, List<String>>) in.readObject();
            commands = read;
        }
        OpenSshFleet fleet = OpenSshFleet.requireRunning();
        List<OpenSshFleet.Endpoint> hosts = fleet.hosts().subList(0, Integer.parseInt(args[1]));
        long start = System.nanoTime();
        run(fleet, hosts, commands, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        System.out.println(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
    }

    /** TCP_NODELAY, as the engine's connections have it: without it every small round trip waits for a delayed ACK. */
    private static final class NoDelay extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}

package dev.infrajunit.embedded;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The real OpenSSH servers that {@code scripts/start-test-sshd.sh} started on loopback, as its
 * {@code fleet.properties} describes them. Tests that need them are skipped, saying how to start
 * them, when that file is absent. Besides {@code user} (login shell sh), {@code fishUser} and
 * {@code tcshUser} log in with the same key and have fish and tcsh as their login shells.
 */
public record OpenSshFleet(String user, Path identityFile, Path knownHosts, Path knownHostsHashed, List<Endpoint> hosts,
                           Path jumpHostLog, Endpoint deadHost, Path rsaIdentityFile, Path certificateIdentityFile,
                           Path certificateFile, String fishUser, String tcshUser) {

    /** Where the start script writes the description unless {@code INFRA_SSH_FLEET} names another file. */
    public static final Path DEFAULT_INFO_FILE = Path.of("/var/lib/infra-junit-test/fleet/fleet.properties");

    public record Endpoint(String address, int port) {
        static Endpoint parse(String text) {
            int colon = text.lastIndexOf(':');
            return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }

        /** The matching line of the script's sshd logs: {@code [127.0.77.1]:2222}-style names are not used there. */
        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    public static Path infoFile() {
        String configured = System.getenv("INFRA_SSH_FLEET");
        return configured == null || configured.isBlank() ? DEFAULT_INFO_FILE : Path.of(configured);
    }

    /**
     * The running fleet. Without one the calling test is skipped, or fails when the system property
     * {@code infra.test.openssh=required} says a fleet was started (as {@code scripts/test} does), so
     * a fleet that did not come up cannot pass for a green run.
     */
    public static OpenSshFleet requireRunning() {
        Path info = infoFile();
        require(Files.isRegularFile(info), "No OpenSSH test fleet: " + info + " does not exist. Start one with"
                + " scripts/start-test-sshd.sh [N] (as root), stop it with scripts/stop-test-sshd.sh");
        return read(info);
    }

    private static void require(boolean condition, String problem) {
        if (!condition && "required".equals(System.getProperty("infra.test.openssh"))) {
            throw new IllegalStateException(problem + " (infra.test.openssh=required)");
        }
        assumeTrue(condition, problem);
    }

    public static OpenSshFleet read(Path info) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(info)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the OpenSSH fleet description " + info, e);
        }
        return new OpenSshFleet(
                properties.getProperty("user"),
                Path.of(properties.getProperty("identityFile")),
                Path.of(properties.getProperty("knownHosts")),
                Path.of(properties.getProperty("knownHostsHashed")),
                Arrays.stream(properties.getProperty("hosts").split(",")).map(Endpoint::parse).toList(),
                Path.of(properties.getProperty("jumpHostLog")),
                Endpoint.parse(properties.getProperty("deadHost")),
                optionalPath(properties, "rsaIdentityFile"),
                optionalPath(properties, "certificateIdentityFile"),
                optionalPath(properties, "certificateFile"),
                properties.getProperty("fishUser", ""),
                properties.getProperty("tcshUser", ""));
    }

    /** Keys a fleet started by an older script does not have; tests that need them ask {@link #requireKeys}. */
    private static Path optionalPath(Properties properties, String key) {
        String value = properties.getProperty(key);
        return value == null ? null : Path.of(value);
    }

    /** Skips the calling test unless the fleet has the RSA key and the CA-signed certificate of the current script. */
    public OpenSshFleet requireKeys() {
        require(rsaIdentityFile != null && certificateFile != null, "The OpenSSH test fleet has no RSA key or user"
                + " certificate: restart it with the current scripts/start-test-sshd.sh");
        return this;
    }

    /**
     * An environment file naming the fleet's first {@code count} hosts {@code host-1} to {@code host-N},
     * logged into with the fleet's key, for benchmarks that check many hosts.
     */
    public String environment(int count) {
        StringBuilder yaml = new StringBuilder()
                .append("ssh:\n")
                .append("  user: ").append(user).append('\n')
                .append("  identityFile: ").append(identityFile).append('\n')
                .append("  knownHosts: ").append(knownHosts).append('\n')
                .append("  useSshConfig: false\n")
                .append("hosts:\n");
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = hosts.get(i);
            yaml.append("  host-").append(i + 1).append(": { address: ").append(endpoint.address())
                    .append(", ssh: { port: ").append(endpoint.port()).append(" } }\n");
        }
        return yaml.toString();
    }

    /**
     * How many SSH sessions with a command the sshd of host {@code number} (from 1, as
     * {@link #environment} names them) has started so far, from its log.
     */
    public long sessionsStarted(int number) {
        try (Stream<String> lines = Files.lines(sshdLog(number))) {
            return lines.filter(line -> line.contains(SESSION_STARTED)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the log of the fleet's host " + number, e);
        }
    }

    /** What the sshd log says for each session with a command. */
    public static final String SESSION_STARTED = "Starting session: command";

    /** The log of host {@code number}'s sshd (from 1, as {@link #environment} names them). */
    public Path sshdLog(int number) {
        return jumpHostLog.getParent().getParent().resolve(String.valueOf(number)).resolve("sshd.log");
    }

    /**
     * Processor seconds used so far by the fleet's sshd processes together with every process they
     * started and have reaped (connections, sessions, the commands run in them), from /proc.
     */
    public double sshdCpuSeconds() {
        Path pids = jumpHostLog.getParent().getParent().getParent().resolve("pids");
        try (Stream<String> lines = Files.lines(pids)) {
            return lines.map(line -> line.split(" ", 2)[0]).mapToLong(OpenSshFleet::cpuTicks).sum() / (double) USER_HZ;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the fleet's sshd process ids from " + pids, e);
        }
    }

    /** The unit of /proc/PID/stat's times on Linux. */
    private static final int USER_HZ = 100;

    /** utime + stime + cutime + cstime of /proc/PID/stat, or 0 for a process that has ended. */
    private static long cpuTicks(String pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", pid, "stat"));
        } catch (IOException e) {
            return 0;
        }
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** Skips the calling test unless the fleet has at least {@code count} hosts. */
    public OpenSshFleet requireHosts(int count) {
        require(hosts.size() >= count, "The OpenSSH test fleet has " + hosts.size() + " host(s); this test needs "
                + count + ": restart it with scripts/start-test-sshd.sh " + count);
        return this;
    }
}

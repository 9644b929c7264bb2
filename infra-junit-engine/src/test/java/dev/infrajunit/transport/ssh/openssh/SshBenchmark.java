package dev.infrajunit.transport.ssh.openssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.embedded.ResourcePeaks;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import dev.infrajunit.transport.ssh.SshOptions;
import dev.infrajunit.transport.ssh.SshTransports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long 8 checks' worth of commands take on N real OpenSSH hosts on loopback, as a run would
 * issue them: every check over every host, on a bounded pool of check threads, each host's
 * connection opened on first use. Prints hosts, checks, wall seconds, peak heap, open file
 * descriptors and threads. Not part of the default test run (the class name does not end in
 * Test), and it asserts only that every command succeeded, never a time:
 *
 * <pre>
 * scripts/start-test-sshd.sh 100
 * mvn -o -q -B test -pl infra-junit-engine -am -Dtest=SshBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.hosts=10,50,100 -Dbench.threads=32
 * </pre>
 */
@Tag("benchmark")
class SshBenchmark {

    /** What a typical spec asks each host, one exec per check. */
    static final List<Command> EIGHT_CHECKS = List.of(
            Command.of("test -f {0} && stat -c '%a %U %G %s' -- {0}", "/etc/passwd"),
            Command.of("dpkg-query -W -f '${Version}' -- {0}", "openssh-server"),
            Command.of("id {0}", "infratest"),
            Command.of("cat /proc/sys/net/ipv4/ip_forward"),
            Command.of("df -P {0}", "/"),
            Command.of("cat /etc/os-release"),
            Command.of("uname -r"),
            Command.of("cat /proc/net/tcp"));

    @Test
    void checksEveryHost() throws Exception {
        OpenSshFleet fleet = OpenSshFleet.requireRunning();
        int threads = Integer.getInteger("bench.threads", 32);
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.hosts", "10,50,100").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        fleet.requireHosts(sizes.stream().mapToInt(Integer::intValue).max().orElse(1));

        // one small run first, so the numbers below are not the JIT's
        measure(fleet, Math.min(5, fleet.hosts().size()), threads);
        System.out.println("hosts  checks  commands  threads  wall-s  peak-heap-MB  peak-fds  peak-threads");
        for (int hosts : sizes) {
            Result r = measure(fleet, hosts, threads);
            System.out.printf(Locale.ROOT, "%5d  %6d  %8d  %7d  %6.2f  %12.1f  %8d  %12d%n", hosts, EIGHT_CHECKS.size(),
                    r.commands, threads, r.wallSeconds, r.peakHeapMb, r.peakFds, r.peakThreads);
        }
    }

    record Result(int commands, double wallSeconds, double peakHeapMb, long peakFds, int peakThreads) {
    }

    private static Result measure(OpenSshFleet fleet, int hostCount, int threads) throws Exception {
        List<HostDefinition> hosts = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            OpenSshFleet.Endpoint endpoint = fleet.hosts().get(i);
            SshSettings ssh = new SshSettings(fleet.user(), endpoint.port(), List.of(fleet.identityFile()), Optional.empty(),
                    fleet.knownHosts(), HostKeyChecking.STRICT, Duration.ofSeconds(10), Optional.empty(), false);
            hosts.add(new HostDefinition("host-" + (i + 1), endpoint.address(), List.of(), "ssh", ssh, Duration.ofSeconds(30),
                    false, Map.of(), 0));
        }
        SshOptions options = SshOptions.defaults().withEnvironment(name -> null)
                .withSshConfig(Path.of("/nonexistent/ssh_config")).withDefaultKeysDirectory(Path.of("/nonexistent"));
        ResourcePeaks peaks = ResourcePeaks.start();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        int commands;
        try (SshTransports run = new SshTransports(new EnvironmentDefinition("bench", Optional.empty(), Map.of(), hosts), options)) {
            List<Future<CommandResult>> results = new ArrayList<>();
            // check by check, host by host: how a run walks a spec's checks over the hosts
            for (Command check : EIGHT_CHECKS) {
                for (HostDefinition host : hosts) {
                    results.add(pool.submit(() -> run.forHost(host).execute(check, host.commandTimeout())));
                }
            }
            for (Future<CommandResult> result : results) {
                CommandResult done = result.get();
                assertThat(done.exitStatus()).as(done.host() + ": " + done.command() + "\n" + done.stderr()).isZero();
            }
            commands = results.size();
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        ResourcePeaks.Peaks peak = peaks.stop();
        return new Result(commands, wall, peak.heapMb(), peak.fileDescriptors(), peak.threads());
    }
}

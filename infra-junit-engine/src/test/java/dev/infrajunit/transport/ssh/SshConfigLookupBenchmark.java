package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.environment.HostDefinition;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the SSH transports of N hosts take to read their client configuration through
 * {@code ssh -G}, asked from 32 threads as a run's workers ask, against a bare baseline in the same
 * invocation: {@code ssh -G} run for each host one after the other. Prints hosts, seconds and the
 * ratio. A benchmark, not a test: it asserts that every host was looked up, never a time, and it is
 * not part of the default run (its name does not end in Test).
 *
 * <pre>
 * ./mvnw -q -B test -pl infra-junit-engine -am -Dtest=SshConfigLookupBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.hosts=300
 * </pre>
 */
@Tag("benchmark")
class SshConfigLookupBenchmark {

    private static final int THREADS = 32;

    @TempDir
    Path dir;

    @Test
    void looksUpTheHostsOfARun() throws Exception {
        int count = Integer.getInteger("bench.hosts", 300);
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host web-*
                    HostName 127.0.0.1
                    User deploy
                Match host *.internal
                    Port 2222
                """);
        Path ssh = OpenSshConfig.findClient().orElseThrow();
        long started = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Process process = new ProcessBuilder(ssh.toString(), "-G", "-F", config.toString(), "--", "web-" + i)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(process.waitFor()).isZero();
        }
        double bare = (System.nanoTime() - started) / 1e9;

        HostDefinition[] hosts = new HostDefinition[count];
        for (int i = 0; i < count; i++) {
            hosts[i] = TestHost.named("web-" + (i + 1)).knownHosts(dir.resolve("known_hosts")).configFile(config).build();
        }
        try (SshFixture fixture = new SshFixture(dir.resolve("fixture"))) {
            SshTransports transports = fixture.transports(hosts);
            ExecutorService workers = Executors.newFixedThreadPool(THREADS);
            started = System.nanoTime();
            try {
                List<Future<?>> lookups = new ArrayList<>();
                for (HostDefinition host : hosts) {
                    lookups.add(workers.submit(() -> transports.forHost(host)));
                }
                for (Future<?> lookup : lookups) {
                    lookup.get(10, TimeUnit.MINUTES);
                }
            } finally {
                workers.shutdownNow();
            }
            double run = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%d hosts, %d threads, %d cores: bare ssh -G one after the other %.2f s (%.1f ms a host);"
                            + " the transports %.2f s; ratio %.2f%n", count, THREADS, Runtime.getRuntime().availableProcessors(),
                    bare, bare * 1000 / count, run, run / bare);
        }
    }
}

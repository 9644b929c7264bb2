package dev.infrajunit.assertions;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.RootOpenSshHost;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.TestEnvironments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that need root, over real OpenSSH as root ({@link RootOpenSshHost}): the firewall the
 * test loads into the sshd's own network namespace, sshd's effective configuration by this
 * machine's {@code sshd -T}, a root process's environment, and every crontab. What the fleet's
 * unprivileged login cannot read ({@link HostChecksOverOpenSshTest}) is read here.
 */
@Tag("openssh")
class RootChecksOverOpenSshTest {

    private static final String RULES = """
            table inet filter {
              chain input {
                type filter hook input priority filter; policy drop;
                ct state established,related accept
                tcp dport 2222 accept
                tcp dport 5432 counter drop
              }
            }
            """;

    @TempDir
    Path directory;

    private RootOpenSshHost sshd;
    private RunEnvironment environment;
    private Host db;
    private Process probe;

    @BeforeEach
    void loginAsRoot() throws Exception {
        sshd = RootOpenSshHost.start("db-1", directory, RULES);
        environment = TestEnvironments.environment(sshd.definition());
        db = environment.host("db-1");
    }

    @AfterEach
    void close() throws Exception {
        if (probe != null) {
            probe.destroy();
        }
        if (environment != null) {
            environment.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void theFirewallOfTheHostsNetworkNamespace() {
        assertThatCode(() -> assertThat(db).firewall().isEnabled().hasInputPolicy("drop").allowsInbound(2222)
                .blocksInbound(5432).blocksInbound(3306)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(db).firewall().allowsInbound(5432))
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-1: expected the firewall to let in TCP port 5432, but chain input has the rule:"
                        + " tcp dport 5432 counter packets 0 bytes 0 drop (nft list ruleset)");
    }

    @Test
    void sshdsEffectiveConfigurationAsThisMachinesSshdTSaysIt() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/etc/ssh/sshd_config")), "this machine has an sshd configuration");
        String permitRootLogin = effective("permitrootlogin");
        assertThatCode(() -> assertThat(db).sshdConfig().at("permitrootlogin").hasValue(permitRootLogin))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(db).sshdConfig().at("permitrootlogin").hasValue("sometimes"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-1: expected permitrootlogin in sshd's effective configuration to have value sometimes, but it"
                        + " has " + permitRootLogin + " (sshd -T)");
    }

    @Test
    void theEnvironmentOfAProcessOfRoot() throws Exception {
        Path sleeper = Files.copy(Path.of("/bin/sleep"), directory.resolve("ijrootenv"));
        sleeper.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(sleeper.toString(), "60");
        builder.environment().put("JAVA_OPTS", "-Xmx2g");
        probe = builder.start();
        assertThatCode(() -> assertThat(db).process("ijrootenv").hasEnvironmentVariable("JAVA_OPTS", "-Xmx2g"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(db).process("ijrootenv").hasEnvironmentVariable("JAVA_OPTS", "-Xmx4g"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("db-1: expected process ijrootenv to have environment variable JAVA_OPTS=-Xmx4g, but it has"
                        + " JAVA_OPTS=-Xmx2g in pid " + probe.pid() + " (/proc/" + probe.pid() + "/environ)");
    }

    @Test
    void everyCrontabIsReadAndAJobInNoneOfThemIsAFailure() {
        assumeTrue(Files.isDirectory(Path.of("/var/spool/cron/crontabs")), "Debian's cron package is installed");
        assertThatCode(() -> assertThat(db).cronJob("run-parts --report /etc/cron.hourly").hasSchedule("17 * * * *"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(db).cronJob("ij-no-such-backup-job").exists())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("db-1: expected a cron job running ij-no-such-backup-job to exist, but ");
    }

    /** A key of this machine's sshd -T, read here without SSH. */
    private static String effective(String key) throws Exception {
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-T").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "sshd -T runs here: " + output);
        Optional<String> line = output.lines().filter(candidate -> candidate.startsWith(key + " ")).findFirst();
        return line.orElseThrow().substring(key.length() + 1);
    }
}

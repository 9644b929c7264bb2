package dev.infrajunit.assertions;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.TestEnvironments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host checks over the real OpenSSH fleet that {@code scripts/start-test-sshd.sh} starts on
 * loopback: this machine, logged in to as the fleet's unprivileged user, answers with its own
 * tools (ip, getent, bash or nc, openssl, /proc, its crontab files, its time zone). Where a check
 * needs root, or a tool or daemon this machine does not run (systemd, a docker daemon, chrony),
 * the answer is the could-not-check a real host without them gives.
 */
@Tag("openssh")
class HostChecksOverOpenSshTest {

    /** Made readable for the fleet's user, who reads the files the tests put here. */
    @TempDir
    Path directory;

    private OpenSshFleet fleet;
    private RunEnvironment environment;
    private Host app;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void loginToTheFleet() throws IOException {
        fleet = OpenSshFleet.requireRunning();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        OpenSshFleet.Endpoint first = fleet.hosts().get(0);
        OpenSshFleet.Endpoint second = fleet.hosts().get(1);
        environment = TestEnvironments.environment(
                TestEnvironments.sshHost("app-1", first.address(), first.port(), fleet.user(), fleet.identityFile(),
                        fleet.knownHosts(), Map.of()),
                TestEnvironments.sshHost("db-1", second.address(), second.port(), fleet.user(), fleet.identityFile(),
                        fleet.knownHosts(), Map.of()));
        app = environment.host("app-1");
    }

    @AfterEach
    void close() {
        started.forEach(Process::destroy);
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void connectionsOpenedFromTheHostItselfAndNamesAsItsResolverSays() {
        OpenSshFleet.Endpoint db = fleet.hosts().get(1);
        OpenSshFleet.Endpoint dead = fleet.deadHost();
        assertThatCode(() -> assertThat(app).reaches("db-1", db.port()).reaches(db.address(), db.port())
                .doesNotReach(dead.address(), dead.port())).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).reaches(dead.address(), dead.port()))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected to reach " + dead + " over TCP, but the connection was refused (TCP connect from"
                        + " app-1 to " + dead + ", timeout 5s)");
        // localhost is in every /etc/hosts: no DNS server is asked
        assertThatCode(() -> assertThat(app).resolves("localhost").to("127.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).resolves("localhost").to("10.0.1.11"))
                .hasMessageStartingWith("app-1: expected localhost to resolve to 10.0.1.11, but it resolves to ")
                .hasMessageEndingWith(" (getent ahosts localhost)");
    }

    @Test
    void theLoopbackInterfaceAndThisMachinesDefaultRoute() throws Exception {
        assertThatCode(() -> assertThat(app).iface("lo").exists().isUp().hasAddress("127.0.0.1/8")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).iface("eth9").exists())
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected interface eth9 to exist, but it does not (ip addr show dev eth9)");
        // what this machine's own ip says, read here without SSH
        String[] route = local("ip", "route", "show", "default").strip().split("\\s+");
        if (route.length >= 5 && route[1].equals("via") && route[3].equals("dev")) {
            assertThatCode(() -> assertThat(app).defaultRoute().exists().isVia(route[2]).onInterface(route[4]))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(app).defaultRoute().isVia("10.255.255.1"))
                    .hasMessageStartingWith("app-1: expected the default route to have gateway 10.255.255.1, but it has " + route[2]);
        } else {
            assertThatThrownBy(() -> assertThat(app).defaultRoute().isVia("10.255.255.1"))
                    .hasMessage("app-1: expected the default route to exist, but it does not (ip route show default)");
        }
    }

    @Test
    void certificateFilesReadWithTheHostsOpenssl() throws Exception {
        String certificate = directory.resolve("app.pem").toString();
        String key = directory.resolve("app.key").toString();
        String otherKey = directory.resolve("other.key").toString();
        local("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "10",
                "-subj", "/O=Acme/CN=app.example.com", "-keyout", key, "-out", certificate);
        local("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey);
        readableByAll(certificate, key, otherKey);

        assertThatCode(() -> assertThat(app).certificateFile(certificate).isValidForAtLeast(Duration.ofDays(9))
                .hasSubjectContaining("CN=app.example.com").hasIssuerContaining("O=Acme").matchesKey(key))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).certificateFile(certificate).hasSubjectContaining("CN=www.example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected the certificate in " + certificate + " to have a subject containing"
                        + " CN=www.example.com, but it has CN=app.example.com,O=Acme (" + certificate + ")");
        assertThatThrownBy(() -> assertThat(app).certificateFile(certificate).matchesKey(otherKey))
                .hasMessage("app-1: expected the certificate in " + certificate + " to match the private key " + otherKey
                        + ", but its public key is another (" + certificate + ", openssl pkey -in " + otherKey + " -pubout)");
    }

    @Test
    void configurationFilesByKeyPath() throws IOException {
        String json = write("config.json", "{\"server\": {\"port\": 8443}, \"upstreams\": [{\"host\": \"db-1\"}]}\n");
        String yaml = write("app.yaml", "logging: { level: INFO }\n");
        String properties = write("app.properties", "server.port = 8080\n");
        String ini = write("my.cnf", "[mysqld]\nbind-address = 127.0.0.1\n");
        assertThatCode(() -> {
            assertThat(app).jsonFile(json).hasValue("server.port", 8443).hasValue("upstreams[0].host", "db-1");
            assertThat(app).yamlFile(yaml).hasValue("logging.level", "INFO");
            assertThat(app).propertiesFile(properties).hasValue("server.port", 8080);
            assertThat(app).iniFile(ini).hasValue("mysqld.bind-address", "127.0.0.1");
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).jsonFile(json).at("server.port").hasValue(443))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected server.port in " + json + " to have value 443, but it has 8443 (" + json
                        + ", read as JSON)");
    }

    @Test
    void sshdTNeedsRootWhichTheFleetsLoginIsNot() {
        assertThatThrownBy(() -> assertThat(app).sshdConfig().at("PermitRootLogin").hasValue("no"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check sshd's effective configuration: `")
                .hasMessageEndingWith("sshd -T reads the host keys, which only root may: give the check root (sudo: true for the host)");
    }

    @Test
    void theEnvironmentOfTheLoginsOwnProcessAndNotOfRoots() throws Exception {
        Path probe = Files.copy(Path.of("/bin/sleep"), directory.resolve("ijsshprobe"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the fleet's user runs it (setpriv execs, so its pid is the probe's), with a variable of its own
        start(List.of("setpriv", "--reuid=" + fleet.user(), "--regid=" + fleet.user(), "--init-groups",
                "env", "JAVA_OPTS=-Xmx2g", probe.toString(), "60"));
        assertThatCode(() -> assertThat(app).process("ijsshprobe").hasEnvironmentVariable("JAVA_OPTS", "-Xmx2g"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).process("ijsshprobe").hasEnvironmentVariable("JAVA_OPTS", "-Xmx4g"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("app-1: expected process ijsshprobe to have environment variable JAVA_OPTS=-Xmx4g, but it"
                        + " has JAVA_OPTS=-Xmx2g in pid ");

        Path rootProbe = Files.copy(Path.of("/bin/sleep"), directory.resolve("ijrootprobe"));
        Files.setPosixFilePermissions(rootProbe, PosixFilePermissions.fromString("rwxr-xr-x"));
        long pid = start(List.of(rootProbe.toString(), "60")).pid();
        assertThatThrownBy(() -> assertThat(app).process("ijrootprobe").hasEnvironmentVariable("JAVA_OPTS", "-Xmx2g"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check the environment of pid " + pid + ": `")
                .hasMessageEndingWith("; only root and the process's own user may read /proc/" + pid + "/environ: give the"
                        + " check root (sudo: true for the host)");
    }

    @Test
    void cronEntriesOfThisMachinesCrontabAndWhatTheLoginCannotRead() {
        assumeTrue(Files.isDirectory(Path.of("/var/spool/cron/crontabs")), "Debian's cron package is installed");
        // Debian's own /etc/crontab, as the cron package installed it
        assertThatCode(() -> assertThat(app).cronJob("run-parts --report /etc/cron.hourly").hasSchedule("17 * * * *")
                .runsAs("root")).doesNotThrowAnyException();
        // the users' crontabs are root's to read: one of them may hold it
        assertThatThrownBy(() -> assertThat(app).cronJob("pg-backup").exists())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("app-1: cannot check a cron job running pg-backup: no crontab it could read has it, and"
                        + " /var/spool/cron/crontabs could not be read; give the check root (sudo: true for the host) to read"
                        + " every crontab");
    }

    @Test
    void theTimeZoneAndAClockNothingHereSynchronizes() throws IOException {
        assumeTrue(Files.isSymbolicLink(Path.of("/etc/localtime")), "this machine links /etc/localtime to its zone");
        String link = Files.readSymbolicLink(Path.of("/etc/localtime")).toString();
        String zone = link.substring(link.indexOf("zoneinfo/") + "zoneinfo/".length());
        assertThatCode(() -> assertThat(app).system().hasTimeZone(zone)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).system().hasTimeZone("Pacific/Chatham"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected the time zone to have name Pacific/Chatham, but it has " + zone
                        + " (readlink /etc/localtime)");
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd is not this machine's init");
        assumeFalse(Files.isExecutable(Path.of("/usr/bin/chronyc")), "chrony is not installed");
        assertThatThrownBy(() -> assertThat(app).system().hasSynchronizedClock())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check whether the clock is synchronized: timedatectl or chronyc is"
                        + " not installed");
    }

    @Test
    void kernelModulesSelinuxAndApparmorAsThisKernelHasThem() throws IOException {
        if (Files.isReadable(Path.of("/proc/modules"))) {
            String first = Files.readAllLines(Path.of("/proc/modules")).get(0).split("\\s+")[0];
            assertThatCode(() -> assertThat(app).system().hasKernelModule(first)).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(app).system().hasKernelModule("no_such_module"))
                    .hasMessage("app-1: expected kernel module no_such_module to be loaded, but it is not (/proc/modules)");
        } else {
            assertThatThrownBy(() -> assertThat(app).system().hasKernelModule("nf_tables"))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("app-1: cannot check kernel modules: there is no /proc/modules to read");
        }
        assumeFalse(Files.exists(Path.of("/sys/fs/selinux/enforce")), "this kernel has no SELinux");
        assumeFalse(Files.exists(Path.of("/sys/module/apparmor/parameters/enabled")), "this kernel has no AppArmor");
        assertThatCode(() -> assertThat(app).system().hasSelinux("disabled").hasApparmor("disabled")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).system().hasSelinux("enforcing"))
                .hasMessage("app-1: expected SELinux to have mode enforcing, but it has disabled (/sys/fs/selinux/enforce)");
    }

    /** nft and iptables-save are in /usr/sbin, off the PATH of Debian's logins that are not root's: they are found there. */
    @Test
    void theFirewallIsReadableByRootOnly() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "nftables is installed");
        assertThatThrownBy(() -> assertThat(app).firewall().allowsInbound(22))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check the firewall: reading the rules failed: ")
                .hasMessageEndingWith("; the rules are readable by root only: give the check root (sudo: true for the host)");
    }

    @Test
    void timersAndContainersOfAMachineThatRunsNeitherSystemdNorADockerDaemon() {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd is not this machine's init");
        assertThatThrownBy(() -> assertThat(app).systemdTimer("pg-backup.timer").isScheduled())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check timer pg-backup.timer: systemd is not running here");
        // the backup job as a policy: the same answer, not a pass nor a failure
        OpenSshFleet.Endpoint first = fleet.hosts().get(0);
        try (RunEnvironment withJob = TestEnvironments.environment(TestEnvironments.sshHost("db-2", first.address(), first.port(),
                fleet.user(), fleet.identityFile(), fleet.knownHosts(),
                Map.of("backup", Map.of("job", Map.of("timer", "pg-backup.timer"), "maxAge", "25h"))))) {
            assertThatThrownBy(() -> assertThat(withJob.host("db-2")).hasRecentBackup())
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageStartingWith("db-2: cannot check timer pg-backup.timer: systemd is not running here");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")) || Files.isExecutable(Path.of("/usr/bin/docker")),
                "this machine has the docker client");
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")), "no docker daemon runs here");
        assertThatThrownBy(() -> assertThat(app).container("web").isRunning())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check container web: `")
                .hasMessageContaining("Cannot connect to the Docker daemon");
    }

    /**
     * OpenSSH hands every command to the login's own shell: the checks' scripts must mean the same
     * under fish and tcsh as under sh.
     */
    @ParameterizedTest(name = "login shell of {0}")
    @ValueSource(strings = {"fishUser", "tcshUser"})
    void theChecksMeanTheSameUnderEveryLoginShell(String which) throws Exception {
        String user = which.equals("fishUser") ? fleet.fishUser() : fleet.tcshUser();
        Assertions.assertThat(user).as("the fleet's %s (restart it with scripts/start-test-sshd.sh)", which).isNotBlank();
        OpenSshFleet.Endpoint first = fleet.hosts().get(0);
        OpenSshFleet.Endpoint db = fleet.hosts().get(1);
        String json = write("config.json", "{\"server\": {\"port\": 8443}}\n");
        try (RunEnvironment asUser = TestEnvironments.environment(TestEnvironments.sshHost("app-2", first.address(),
                first.port(), user, fleet.identityFile(), fleet.knownHosts(), Map.of()))) {
            Host other = asUser.host("app-2");
            assertThatCode(() -> {
                assertThat(other).reaches(db.address(), db.port()).doesNotReach(fleet.deadHost().address(), fleet.deadHost().port());
                assertThat(other).resolves("localhost").to("127.0.0.1");
                assertThat(other).iface("lo").isUp().hasAddress("127.0.0.1/8");
                assertThat(other).jsonFile(json).hasValue("server.port", 8443);
                assertThat(other).cronJob("run-parts --report /etc/cron.hourly").hasSchedule("17 * * * *");
            }).doesNotThrowAnyException();
            assertThatThrownBy(() -> assertThat(other).firewall().allowsInbound(22))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessageEndingWith("; the rules are readable by root only: give the check root (sudo: true for the host)");
        }
    }

    private String write(String name, String content) throws IOException {
        Path file = Files.writeString(directory.resolve(name), content);
        readableByAll(file.toString());
        return file.toString();
    }

    private static void readableByAll(String... files) throws IOException {
        for (String file : files) {
            Files.setPosixFilePermissions(Path.of(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(process);
        return process;
    }

    /** Runs a command on this machine, without SSH, and returns what it printed. */
    private static String local(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}

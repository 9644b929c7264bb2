package dev.infrajunit.assertions;

import static org.apiguardian.api.API.Status.STABLE;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.facts.ConfigDocuments.Format;
import dev.infrajunit.assertions.facts.HttpProbe;
import dev.infrajunit.assertions.facts.ServiceFacts;
import dev.infrajunit.assertions.host.CertificateFileAssert;
import dev.infrajunit.assertions.host.CommandAssert;
import dev.infrajunit.assertions.host.ConfigAssert;
import dev.infrajunit.assertions.host.ConnectionAssert;
import dev.infrajunit.assertions.host.ContainerAssert;
import dev.infrajunit.assertions.host.CronJobAssert;
import dev.infrajunit.assertions.host.DefaultRouteAssert;
import dev.infrajunit.assertions.host.DnsAssert;
import dev.infrajunit.assertions.host.FileAssert;
import dev.infrajunit.assertions.host.FirewallAssert;
import dev.infrajunit.assertions.host.GroupAssert;
import dev.infrajunit.assertions.host.HttpAssert;
import dev.infrajunit.assertions.host.InterfaceAssert;
import dev.infrajunit.assertions.host.KernelAssert;
import dev.infrajunit.assertions.host.MemoryAssert;
import dev.infrajunit.assertions.host.MountAssert;
import dev.infrajunit.assertions.host.OsAssert;
import dev.infrajunit.assertions.host.PackageAssert;
import dev.infrajunit.assertions.host.PortAssert;
import dev.infrajunit.assertions.host.ProcessAssert;
import dev.infrajunit.assertions.host.ServiceAssert;
import dev.infrajunit.assertions.host.Subjects.HostCertificateFile;
import dev.infrajunit.assertions.host.Subjects.HostCommand;
import dev.infrajunit.assertions.host.Subjects.HostConfig;
import dev.infrajunit.assertions.host.Subjects.HostConnection;
import dev.infrajunit.assertions.host.Subjects.HostContainer;
import dev.infrajunit.assertions.host.Subjects.HostCronJob;
import dev.infrajunit.assertions.host.Subjects.HostDefaultRoute;
import dev.infrajunit.assertions.host.Subjects.HostDnsName;
import dev.infrajunit.assertions.host.Subjects.HostFile;
import dev.infrajunit.assertions.host.Subjects.HostFirewall;
import dev.infrajunit.assertions.host.Subjects.HostGroup;
import dev.infrajunit.assertions.host.Subjects.HostInterface;
import dev.infrajunit.assertions.host.Subjects.HostKernel;
import dev.infrajunit.assertions.host.Subjects.HostMemory;
import dev.infrajunit.assertions.host.Subjects.HostMount;
import dev.infrajunit.assertions.host.Subjects.HostOs;
import dev.infrajunit.assertions.host.Subjects.HostPackage;
import dev.infrajunit.assertions.host.Subjects.HostPort;
import dev.infrajunit.assertions.host.Subjects.HostProcess;
import dev.infrajunit.assertions.host.Subjects.HostService;
import dev.infrajunit.assertions.host.Subjects.HostSysctl;
import dev.infrajunit.assertions.host.Subjects.HostSystemSettings;
import dev.infrajunit.assertions.host.Subjects.HostTimer;
import dev.infrajunit.assertions.host.Subjects.HostUser;
import dev.infrajunit.assertions.host.Subjects.HttpEndpoint;
import dev.infrajunit.assertions.host.Subjects.TlsEndpoint;
import dev.infrajunit.assertions.host.SysctlAssert;
import dev.infrajunit.assertions.host.SystemSettingsAssert;
import dev.infrajunit.assertions.host.TimerAssert;
import dev.infrajunit.assertions.host.TlsCertificateAssert;
import dev.infrajunit.assertions.host.UserAssert;
import dev.infrajunit.backup.BackupCheck;
import dev.infrajunit.backup.BackupKind;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions about one host. Every failure message begins with the host's name.
 *
 * <p>Navigate to what you want to check, then chain its assertions:
 * <pre>{@code
 * assertThat(host).file("/etc/ssh/sshd_config").exists().hasMode("600").contains("PermitRootLogin no");
 * assertThat(host).pkg("openssh-server").isInstalled().hasVersionAtLeast("1:9.2");
 * assertThat(host).service("ssh").isRunning().isEnabled();
 * assertThat(host).port(22).isListening().on("0.0.0.0");
 * }</pre>
 * or use a short form for the common cases: {@code assertThat(host).hasPackage("nginx").isListeningOn(443)}.
 * Nothing on the host is changed: every command is a read-only, fixed template with quoted arguments.
 */
@API(status = STABLE)
public class HostAssert extends AbstractAssert<HostAssert, Host> {

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    // set by InfraSoftAssertions on its proxies
    Navigation navigation = Navigation.STRICT;

    public HostAssert(Host host) {
        super(host, HostAssert.class);
    }

    // ---- navigation ----

    /** A file, directory or link at an absolute path. */
    public FileAssert file(String path) {
        return navigate(FileAssert.class, HostFile.class, new HostFile(actual, path), FileAssert::new);
    }

    /** A package, by the name its package manager uses ({@code package} is a Java keyword). */
    public PackageAssert pkg(String name) {
        return navigate(PackageAssert.class, HostPackage.class, new HostPackage(actual, name), PackageAssert::new);
    }

    /** A service, by the name systemd, OpenRC or /etc/init.d knows it ({@code ssh}, {@code nginx}). */
    public ServiceAssert service(String name) {
        ServiceFacts.requireServiceName(name);
        return navigate(ServiceAssert.class, HostService.class, new HostService(actual, name), ServiceAssert::new);
    }

    /** The processes of a name, as the kernel knows it ({@code ps -o comm}). */
    public ProcessAssert process(String name) {
        return navigate(ProcessAssert.class, HostProcess.class, new HostProcess(actual, name), ProcessAssert::new);
    }

    /** A TCP port. */
    public PortAssert port(int port) {
        return navigate(PortAssert.class, HostPort.class, new HostPort(actual, "tcp", checkedPort(port)), PortAssert::new);
    }

    /** A UDP port. */
    public PortAssert udpPort(int port) {
        return navigate(PortAssert.class, HostPort.class, new HostPort(actual, "udp", checkedPort(port)), PortAssert::new);
    }

    /**
     * A command line of your own, run as written; keep it read-only. Braces with digits ({@code {0}})
     * are placeholders: use {@link #command(Command)} for arguments.
     */
    public CommandAssert command(String commandLine) {
        return command(Command.of(commandLine));
    }

    /** A command from a template with quoted arguments: {@code command(Command.of("test -r {0}", path))}. */
    public CommandAssert command(Command command) {
        return navigate(CommandAssert.class, HostCommand.class, new HostCommand(actual, command), CommandAssert::new);
    }

    public UserAssert user(String name) {
        return navigate(UserAssert.class, HostUser.class, new HostUser(actual, name), UserAssert::new);
    }

    public GroupAssert group(String name) {
        return navigate(GroupAssert.class, HostGroup.class, new HostGroup(actual, name), GroupAssert::new);
    }

    /** A kernel parameter: {@code sysctl("net.ipv4.ip_forward")}. */
    public SysctlAssert sysctl(String key) {
        return navigate(SysctlAssert.class, HostSysctl.class, new HostSysctl(actual, key), SysctlAssert::new);
    }

    /** The file system mounted at a path. */
    public MountAssert mount(String mountPoint) {
        return navigate(MountAssert.class, HostMount.class, new HostMount(actual, mountPoint), MountAssert::new);
    }

    public MemoryAssert memory() {
        return navigate(MemoryAssert.class, HostMemory.class, new HostMemory(actual), MemoryAssert::new);
    }

    /** The distribution, from /etc/os-release. */
    public OsAssert os() {
        return navigate(OsAssert.class, HostOs.class, new HostOs(actual), OsAssert::new);
    }

    public KernelAssert kernel() {
        return navigate(KernelAssert.class, HostKernel.class, new HostKernel(actual), KernelAssert::new);
    }

    /** The certificate served on this host's address and port (SNI: the address, when it is a name). */
    public TlsCertificateAssert tlsCertificate(int port) {
        return tlsCertificate(actual.address(), port);
    }

    /** The certificate served on this host's address and port for a server name (sent as SNI). */
    public TlsCertificateAssert tlsCertificate(String serverName, int port) {
        return navigate(TlsCertificateAssert.class, TlsEndpoint.class, new TlsEndpoint(actual, serverName, checkedPort(port)),
                TlsCertificateAssert::new);
    }

    /** An http:// or https:// URL, requested from the host itself. */
    public HttpAssert http(String url) {
        HttpProbe.requireHttpUrl(url);
        return navigate(HttpAssert.class, HttpEndpoint.class, new HttpEndpoint(actual, url), HttpAssert::new);
    }

    /**
     * A TCP connection from this host to a target: a host of the environment, whose address is
     * used, or any name or address. The attempt gives up after 5 seconds.
     */
    public ConnectionAssert connection(String target, int port) {
        return connection(target, port, DEFAULT_CONNECT_TIMEOUT);
    }

    public ConnectionAssert connection(String target, int port, Duration timeout) {
        String address = actual.environment().hosts().stream().filter(h -> h.name().equals(target))
                .map(Host::address).findFirst().orElse(target);
        return navigate(ConnectionAssert.class, HostConnection.class,
                new HostConnection(actual, target, address, checkedPort(port), timeout), ConnectionAssert::new);
    }

    /** A name as this host's resolver answers it (getent: /etc/hosts, DNS, as nsswitch.conf says). */
    public DnsAssert dns(String name) {
        return navigate(DnsAssert.class, HostDnsName.class, new HostDnsName(actual, name), DnsAssert::new);
    }

    /** A systemd timer and the unit it starts: scheduled, when it last ran, whether that run succeeded. */
    public TimerAssert systemdTimer(String timer) {
        ServiceFacts.requireServiceName(timer);
        return navigate(TimerAssert.class, HostTimer.class, new HostTimer(actual, timer), TimerAssert::new);
    }

    /** The cron entries whose command contains this text, in every crontab of the host. */
    public CronJobAssert cronJob(String commandContains) {
        return navigate(CronJobAssert.class, HostCronJob.class, new HostCronJob(actual, commandContains),
                CronJobAssert::new);
    }

    /** A JSON file, parsed: walk to a value with {@code at("server.port")}. */
    public ConfigAssert jsonFile(String path) {
        return config(path, Format.JSON);
    }

    /** A YAML file, parsed: walk to a value with {@code at("upstreams[0].host")}. */
    public ConfigAssert yamlFile(String path) {
        return config(path, Format.YAML);
    }

    /** A Java properties file: {@code at("server.port")} reads the key {@code server.port}. */
    public ConfigAssert propertiesFile(String path) {
        return config(path, Format.PROPERTIES);
    }

    /** An INI file: {@code at("section.key")}; keys before the first section are at the top. */
    public ConfigAssert iniFile(String path) {
        return config(path, Format.INI);
    }

    /**
     * sshd's effective configuration, as {@code sshd -T} prints it after reading every file and
     * default: {@code sshdConfig().at("PermitRootLogin").hasValue("no")}. Keywords are
     * case-insensitive; sshd -T reads the host keys, so the host needs {@code sudo: true} unless
     * the check logs in as root.
     */
    public ConfigAssert sshdConfig() {
        return config("", Format.SSHD_EFFECTIVE);
    }

    private ConfigAssert config(String path, Format format) {
        return navigate(ConfigAssert.class, HostConfig.class, new HostConfig(actual, path, format), ConfigAssert::new);
    }

    /** The host firewall's rules, from nftables or iptables (root only: the host needs {@code sudo: true}). */
    public FirewallAssert firewall() {
        return navigate(FirewallAssert.class, HostFirewall.class, new HostFirewall(actual), FirewallAssert::new);
    }

    /** A certificate in a PEM file on the host: expiry, subject, issuer, and whether a private key file matches it. */
    public CertificateFileAssert certificateFile(String path) {
        return navigate(CertificateFileAssert.class, HostCertificateFile.class, new HostCertificateFile(actual, path),
                CertificateFileAssert::new);
    }

    /** A network interface, by {@code ip addr show dev NAME}. */
    public InterfaceAssert iface(String name) {
        return navigate(InterfaceAssert.class, HostInterface.class, new HostInterface(actual, name), InterfaceAssert::new);
    }

    /** The IPv4 default route and its gateway, by {@code ip route show default}. */
    public DefaultRouteAssert defaultRoute() {
        return navigate(DefaultRouteAssert.class, HostDefaultRoute.class, new HostDefaultRoute(actual), DefaultRouteAssert::new);
    }

    /** Time zone, clock synchronization, kernel modules, SELinux and AppArmor. */
    public SystemSettingsAssert system() {
        return navigate(SystemSettingsAssert.class, HostSystemSettings.class, new HostSystemSettings(actual),
                SystemSettingsAssert::new);
    }

    /** A docker or podman container, by name or id. */
    public ContainerAssert container(String name) {
        return navigate(ContainerAssert.class, HostContainer.class, new HostContainer(actual, name), ContainerAssert::new);
    }

    // ---- short forms ----

    /** This host opens a TCP connection to the target: {@code reaches("db-1", 5432)}. */
    public HostAssert reaches(String target, int port) {
        connection(target, port).isReachable();
        return this;
    }

    /** This host cannot open a TCP connection to the target (refused, timed out, no route). */
    public HostAssert doesNotReach(String target, int port) {
        connection(target, port).isNotReachable();
        return this;
    }

    /** The name resolves on this host; chain {@code .to("10.0.1.11")} to say to what. */
    public DnsAssert resolves(String name) {
        return dns(name).resolves();
    }

    public HostAssert hasFile(String path) {
        file(path).isFile();
        return this;
    }

    public HostAssert hasDirectory(String path) {
        file(path).isDirectory();
        return this;
    }

    public HostAssert hasPackage(String name) {
        pkg(name).isInstalled();
        return this;
    }

    public HostAssert hasPackage(String name, String minimumVersion) {
        pkg(name).hasVersionAtLeast(minimumVersion);
        return this;
    }

    public HostAssert hasRunningService(String name) {
        service(name).isRunning();
        return this;
    }

    public HostAssert hasRunningProcess(String name) {
        process(name).isRunning();
        return this;
    }

    /**
     * Something listens on this TCP port, on any address: the short form of
     * {@code port(port).isListening()}. Say where, or check UDP, through {@link #port(int)} and
     * {@link #udpPort(int)}.
     */
    public HostAssert isListeningOn(int port) {
        port(port).isListening();
        return this;
    }

    public HostAssert hasUser(String name) {
        user(name).exists();
        return this;
    }

    public HostAssert hasAvailableMemoryAtLeast(String size) {
        memory().hasAvailableAtLeast(size);
        return this;
    }

    /**
     * Creates the assertion object for a subject on this host: a plain one, or, when this
     * {@code HostAssert} is soft, a soft one that collects into the same soft assertions.
     * Subclasses and additions use it for their own subjects.
     */
    protected <A extends AbstractAssert<A, T>, T> A navigate(Class<A> assertType, Class<T> subjectType, T subject,
                                                             Function<T, A> create) {
        A child = navigation.to(assertType, subjectType, subject, create);
        if (info.description() != null && !info.descriptionText().isEmpty()) {
            child.as(info.description());
        }
        return child;
    }

    private static int checkedPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(port + " is not a port number (1-65535)");
        }
        return port;
    }

    // ---- backups ----

    /**
     * Every backup policy the host declares holds, each within its own {@code maxAge}: files on
     * the host, S3 objects, EBS snapshots, RDS backups, AWS Backup recovery points. A host without
     * a policy fails, with an example of how to declare one.
     */
    public HostAssert hasRecentBackup() {
        return backupHolds(BackupCheck.of(actual));
    }

    /** Every backup policy of the host holds, each held to this {@code maxAge} instead of its own. */
    public HostAssert hasRecentBackup(Duration maxAge) {
        return backupHolds(BackupCheck.of(actual).maxAge(maxAge));
    }

    /** The host's backup policies of one kind hold: {@code hasRecentBackup(BackupKind.S3)}. */
    public HostAssert hasRecentBackup(BackupKind kind) {
        return backupHolds(BackupCheck.of(actual).only(kind));
    }

    /** The host's backup policies of one kind hold, held to this {@code maxAge}. */
    public HostAssert hasRecentBackup(BackupKind kind, Duration maxAge) {
        return backupHolds(BackupCheck.of(actual).only(kind).maxAge(maxAge));
    }

    private HostAssert backupHolds(BackupCheck check) {
        isNotNull();
        // not ifPresent(...): AssertJ trims its own frames from the trace, but a JDK lambda frame would stay on top
        Optional<String> failure = check.failure();
        if (failure.isPresent()) {
            failWithMessage("%s", failure.get());
        }
        return myself;
    }
}

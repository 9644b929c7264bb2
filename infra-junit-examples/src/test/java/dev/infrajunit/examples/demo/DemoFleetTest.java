package dev.infrajunit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.spi.EnvironmentProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The demo fleet starts real servers on loopback and an RDS stand-in, seeded as the example specs
 * expect, and stops without a trace.
 */
class DemoFleetTest {

    private static DemoFleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = (DemoFleet) new DemoEnvironmentProvider().start("demo");
    }

    @AfterAll
    static void stopFleet() throws Exception {
        fleet.close();
    }

    @Test
    void theDemoProviderIsFoundByName() {
        List<EnvironmentProvider> providers = ServiceLoader.load(EnvironmentProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.provides("demo"))
                .toList();

        assertThat(providers).hasSize(1).first().isInstanceOf(DemoEnvironmentProvider.class);
        assertThat(providers.get(0).provides("staging")).isFalse();
    }

    @Test
    void theEnvironmentFileDescribesTheFleetAndLoadsAsAnyEnvironmentFileWould() {
        EnvironmentDefinition environment = new EnvironmentLoader(getClass().getClassLoader(), name -> null)
                .loadFile(fleet.environmentFile(), "demo");

        assertThat(environment.hosts()).extracting(HostDefinition::name).containsExactly("web-1", "web-2", "db-1", "db-2", "db-3",
                "catalog-aurora", "orders-db", "reports-db");
        assertThat(environment.hosts()).filteredOn(host -> fleet.hostNames().contains(host.name())).allSatisfy(host -> {
            assertThat(host.address()).isEqualTo("127.0.0.1");
            assertThat(host.ssh().port()).isEqualTo(fleet.sshPort(host.name()));
            assertThat(host.ssh().hostKeyChecking()).isEqualTo(HostKeyChecking.STRICT);
            assertThat(host.ssh().knownHosts()).startsWith(fleet.directory());
            assertThat(host.ssh().identityFiles()).singleElement().satisfies(key -> assertThat(key).startsWith(fleet.directory()));
        });
        assertThat(environment.hosts()).filteredOn(host -> host.roles().contains("database"))
                .extracting(HostDefinition::name).containsExactly("db-1", "db-2", "db-3", "catalog-aurora", "orders-db", "reports-db");
        String dumps = fleet.directory() + "/hosts/db-2/var/backups/pg/db-2-*.dump";
        assertThat(host(environment, "db-2").properties().get("backup")).isEqualTo(List.of(Map.of("files", dumps, "maxAge", "24h")));
        assertThat(host(environment, "db-3").properties().get("backup")).isEqualTo(List.of(
                Map.of("files", dumps.replace("db-2", "db-3"), "maxAge", "24h"),
                Map.of("s3", "s3://demo-backups/db-3/", "maxAge", "26h")));
        assertThat(environment.settings().get("aws")).isEqualTo(Map.of("region", "us-east-1",
                "endpoint", setting(fleet, "aws", "endpoint")));
        assertThat(host(environment, "db-3").properties().get("aws")).isEqualTo(Map.of("region", "us-east-1",
                "endpoint", s3Endpoint(fleet).toString()));
    }

    /** What the web tier must reach is a listener of its own, not the database host's SSH server, which would log each probe. */
    @Test
    void eachDatabaseServerListensOnAPortOfItsOwnForTheWebTierToReach() throws IOException {
        EnvironmentDefinition environment = new EnvironmentLoader(getClass().getClassLoader(), name -> null)
                .loadFile(fleet.environmentFile(), "demo");
        for (String name : List.of("db-1", "db-2", "db-3")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) host(environment, name).properties().get("properties");
            int port = Integer.parseInt(properties.get("postgresPort").toString());
            assertThat(port).as("the database port of %s", name).isNotEqualTo(fleet.sshPort(name));
            try (Socket probe = new Socket("127.0.0.1", port)) {
                assertThat(probe.isConnected()).isTrue();
            }
        }
    }

    @Test
    void theAccountsRdsDatabasesAreFoundThroughTheAwsApiPageByPageWithoutAShellAndWithTheirRolesPolicy() {
        int pagesBefore = fleet.rdsRequests("DescribeDBInstances").size();
        EnvironmentDefinition environment = new EnvironmentLoader(getClass().getClassLoader(), name -> null)
                .loadFile(fleet.environmentFile(), "demo");

        // three instances at two a page: the second page is asked for with the first one's Marker
        assertThat(fleet.rdsRequests("DescribeDBInstances").subList(pagesBefore, pagesBefore + 2))
                .extracting(request -> request.parameter("Marker") != null).containsExactly(false, true);

        HostDefinition reports = host(environment, "reports-db");
        assertThat(reports.transport()).isEqualTo("none");
        assertThat(reports.roles()).containsExactly("database", "rds");
        assertThat(reports.properties().get("backup")).isEqualTo(List.of(Map.of("rds", "reports-db", "maxAge", "24h")));
        assertThat(reports.properties().get("aws")).isEqualTo(Map.of("region", "us-east-1",
                "endpoint", setting(fleet, "aws", "endpoint"), "dbInstanceId", "reports-db"));
        assertThat(host(environment, "catalog-aurora").properties().get("aws")).isEqualTo(Map.of("region", "us-east-1",
                "endpoint", setting(fleet, "aws", "endpoint"), "dbClusterId", "catalog-aurora"));
    }

    @Test
    void reportsDbsNewestAutomatedSnapshotIsTwoDaysOldWhileTheOtherRdsDatabasesAreFresh() {
        try (RdsClient rds = RdsClient.builder()
                .endpointOverride(URI.create((String) setting(fleet, "aws", "endpoint")))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(newestSnapshotAge(rds, "reports-db")).isBetween(Duration.ofHours(51), Duration.ofHours(52));
            assertThat(newestSnapshotAge(rds, "orders-db")).isBetween(Duration.ofHours(4), Duration.ofHours(5));
            Instant catalog = rds.describeDBClusterSnapshotsPaginator(request -> request.dbClusterIdentifier("catalog-aurora"))
                    .dbClusterSnapshots().stream().map(DBClusterSnapshot::snapshotCreateTime).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(Duration.between(catalog, Instant.now())).isBetween(Duration.ofHours(6), Duration.ofHours(7));
        }
    }

    private static Duration newestSnapshotAge(RdsClient rds, String instance) {
        Instant newest = rds.describeDBSnapshotsPaginator(request -> request.dbInstanceIdentifier(instance).snapshotType("automated"))
                .dbSnapshots().stream().map(DBSnapshot::snapshotCreateTime).max(Comparator.naturalOrder()).orElseThrow();
        return Duration.between(newest, Instant.now());
    }

    private static HostDefinition host(EnvironmentDefinition environment, String name) {
        return environment.hosts().stream().filter(host -> host.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyHostAnswersOverSshInItsOwnDirectory() throws Exception {
        for (String host : List.of("web-1", "web-2", "db-1", "db-2", "db-3")) {
            assertThat(runOverSsh(fleet, host, "cat etc/hostname && pwd"))
                    .isEqualTo(host + "\n" + fleet.hostDirectory(host).toRealPath() + "\n");
        }
    }

    @Test
    void theDatabaseServersDumpsAreFresh() throws IOException {
        assertThat(newestBackupAge("db-1")).isBetween(Duration.ofHours(5), Duration.ofHours(6));
        assertThat(newestBackupAge("db-2")).isBetween(Duration.ofHours(7), Duration.ofHours(8));
        assertThat(newestBackupAge("db-3")).isBetween(Duration.ofHours(4), Duration.ofHours(5));
    }

    @Test
    void db3ShipsItsDumpsToTheS3StoreWhichTheAwsSdkReachesWithTheDemoCredentials() throws IOException {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(s3Endpoint(fleet))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            List<S3Object> objects = s3.listObjectsV2(request -> request.bucket("demo-backups").prefix("db-3/")).contents();

            assertThat(objects).hasSize(2).allSatisfy(object -> {
                assertThat(object.key()).matches("db-3/db-3-\\d{4}-\\d{2}-\\d{2}\\.dump");
                assertThat(object.size()).isEqualTo(DemoFleet.DUMP_SIZE);
            });
            Instant newest = objects.stream().map(S3Object::lastModified).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(Duration.between(newest, Instant.now())).isBetween(Duration.ofHours(4), Duration.ofHours(5));
        }
    }

    @Test
    void webHostsServeHttpsWithACertificateValidForMonthsAndAHealthEndpoint() throws Exception {
        for (String host : List.of("web-1", "web-2")) {
            X509Certificate certificate = servedCertificate(fleet.httpsPort(host), fleet.certificate(host));
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + host);
            assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(89)));

            HttpURLConnection health = (HttpURLConnection) URI.create(property(fleet, host, "healthUrl")).toURL().openConnection();
            assertThat(health.getResponseCode()).isEqualTo(200);
            health.disconnect();
        }
    }

    @Test
    void sshdConfigurationsAreHardenedAndNothingUnderEtcIsWorldWritable() throws IOException {
        for (String host : fleet.hostNames()) {
            Path etc = Path.of(property(fleet, host, "etc"));
            assertThat(etc).isEqualTo(fleet.hostDirectory(host).resolve("etc"));
            assertThat(etc.resolve("ssh/sshd_config")).content()
                    .contains("\nPermitRootLogin no\n", "\nPasswordAuthentication no\n");
            try (Stream<Path> files = Files.walk(etc)) {
                assertThat(files.filter(path -> permissions(path).contains(PosixFilePermission.OTHERS_WRITE)))
                        .isEmpty();
            }
        }
    }

    @Test
    void closingStopsEveryServerDeletesTheDirectoryAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        String previousAccessKey = System.getProperty("aws.accessKeyId");
        DemoFleet another = DemoFleet.start();
        Path directory = another.directory();
        List<Integer> ports = new ArrayList<>();
        for (String host : another.hostNames()) {
            ports.add(another.sshPort(host));
        }
        ports.add(another.httpsPort("web-1"));
        ports.add(URI.create(property(another, "web-1", "healthUrl")).getPort());
        ports.add(URI.create((String) DemoFleetTest.<Map<String, Object>>setting(another, "aws").get("endpoint")).getPort());
        ports.add(s3Endpoint(another).getPort());
        assertThat(runOverSsh(another, "db-1", "echo answered")).isEqualTo("answered\n");
        assertThat(System.getProperty("aws.accessKeyId")).isEqualTo("demo-access-key");

        another.close();

        assertThat(directory).doesNotExist();
        for (int port : ports) {
            assertThat(catchThrowable(() -> new Socket("127.0.0.1", port).close()))
                    .as("connecting to port %d after close", port).isInstanceOf(ConnectException.class);
        }
        assertThat(System.getProperty("aws.accessKeyId")).isEqualTo(previousAccessKey);
        assertThat(threadsStartedSince(before)).isEmpty();
    }

    /**
     * Threads that were not there before and are still alive after a grace period. The JDK's
     * "process reaper" pool is shared by every process the JVM starts and idles out on its own.
     */
    private static List<String> threadsStartedSince(Set<Thread> before) throws InterruptedException {
        List<String> left = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.isAlive())
                    .map(Thread::getName)
                    .filter(name -> !name.equals("process reaper"))
                    .toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }

    private Duration newestBackupAge(String host) throws IOException {
        try (Stream<Path> dumps = Files.list(fleet.hostDirectory(host).resolve("var/backups/pg"))) {
            Instant newest = dumps.map(DemoFleetTest::modified).max(Comparator.naturalOrder()).orElseThrow();
            return Duration.between(newest, Instant.now());
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String runOverSsh(DemoFleet fleet, String host, String command) throws IOException {
        Map<String, Object> ssh = setting(fleet, "ssh");
        try (SSHClient client = new SSHClient()) {
            // Strict: the generated known_hosts must already hold every host's key.
            client.addHostKeyVerifier(new OpenSSHKnownHosts(Path.of((String) ssh.get("knownHosts")).toFile()));
            client.connect("127.0.0.1", fleet.sshPort(host));
            client.authPublickey((String) ssh.get("user"), (String) ssh.get("identityFile"));
            try (Session session = client.startSession(); Session.Command exec = session.exec(command)) {
                String out = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                exec.join();
                assertThat(exec.getExitStatus()).as("exit status of '%s' on %s", command, host).isZero();
                return out;
            }
        }
    }

    /** The certificate a port serves, in a handshake that trusts nothing but the host's own certificate. */
    private static X509Certificate servedCertificate(int port, X509Certificate expected) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("host", expected);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T setting(DemoFleet fleet, String key) throws IOException {
        Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(fleet.environmentFile()));
        return (T) document.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object setting(DemoFleet fleet, String key, String subKey) {
        try {
            return ((Map<String, Object>) setting(fleet, key)).get(subKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where db-3 ships its dumps: its own {@code aws.endpoint}. */
    @SuppressWarnings("unchecked")
    private static URI s3Endpoint(DemoFleet fleet) {
        try {
            Map<String, Object> hosts = setting(fleet, "hosts");
            Map<String, Object> aws = (Map<String, Object>) ((Map<String, Object>) hosts.get("db-3")).get("aws");
            return URI.create((String) aws.get("endpoint"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String property(DemoFleet fleet, String host, String key) throws IOException {
        Map<String, Object> hosts = setting(fleet, "hosts");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) hosts.get(host)).get("properties");
        return String.valueOf(properties.get(key));
    }
}

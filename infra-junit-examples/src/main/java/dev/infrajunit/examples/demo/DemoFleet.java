package dev.infrajunit.examples.demo;

import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.spi.EnvironmentProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo environment, started inside the JVM that checks it: two web hosts and three database
 * hosts, each a real SSH server on 127.0.0.1 with its own host key and its own directory of
 * files, the web hosts serving HTTPS and a health endpoint, an S3-compatible store, and the
 * account's RDS databases, which the {@code rds} host source finds through the AWS API. It is
 * seeded so that nearly every example spec passes, except the one the story is about: reports-db,
 * the RDS database nobody backs up any more, whose newest backup is two days old.
 *
 * <p>Everything lives in one temporary directory ({@code hosts/<name>/...}, {@code client/},
 * {@code s3/}, {@code demo.yaml}); {@link #close()} stops every server and deletes it.
 */
public final class DemoFleet implements EnvironmentProvider.Started {

    /** The bucket db-3 ships its dumps to. */
    static final String BACKUP_BUCKET = "demo-backups";

    /** Dumps are small: the checks read their names, ages and sizes, not their content. */
    static final int DUMP_SIZE = 256 * 1024;

    /** The region of the demo account. */
    static final String REGION = "us-east-1";

    private final Path directory;
    private final Path environmentFile;
    private final Map<String, EmbeddedSshServer> sshServers;
    private final Map<String, WebServer> webServers;
    private final DemoRds rds;
    private final Deque<AutoCloseable> running;

    private DemoFleet(Builder started) {
        this.directory = started.directory;
        this.environmentFile = started.environmentFile;
        this.sshServers = Map.copyOf(started.sshServers);
        this.webServers = Map.copyOf(started.webServers);
        this.rds = started.rds;
        this.running = started.running;
    }

    /** Starts the fleet in a new temporary directory. */
    public static DemoFleet start() throws Exception {
        Path directory = Files.createTempDirectory("infra-junit-demo-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Builder builder = new Builder(directory);
        try {
            return new DemoFleet(builder.startEverything());
        } catch (Exception | Error e) {
            closeAll(builder.running, e);
            deleteRecursively(directory);
            throw e;
        }
    }

    @Override
    public Path environmentFile() {
        return environmentFile;
    }

    /** The temporary directory everything lives in. */
    public Path directory() {
        return directory;
    }

    /** Where a host keeps its files: {@code <directory>/hosts/<name>}. */
    public Path hostDirectory(String host) {
        return directory.resolve("hosts").resolve(host);
    }

    /** The host names, in the order of the environment file. */
    public List<String> hostNames() {
        return Builder.HOSTS.stream().map(HostPlan::name).toList();
    }

    /** The SSH port a host listens on. */
    public int sshPort(String host) {
        return sshServers.get(host).port();
    }

    /** The HTTPS port of a web host. */
    public int httpsPort(String host) {
        return webServers.get(host).httpsPort();
    }

    /** The certificate a web host serves. */
    X509Certificate certificate(String host) {
        return webServers.get(host).certificate();
    }

    /** The requests of one action the RDS stand-in has answered so far. */
    List<AwsRequest> rdsRequests(String action) {
        return rds.requests(action);
    }

    /** Stops every server and deletes the temporary directory. */
    @Override
    public void close() throws Exception {
        Exception failure = closeAll(running, null);
        deleteRecursively(directory);
        if (failure != null) {
            throw failure;
        }
    }

    private static <T extends Throwable> T closeAll(Deque<AutoCloseable> running, T failure) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    @SuppressWarnings("unchecked")
                    T first = (T) e;
                    failure = first;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A host of the demo: its name, its roles, and the ages of its nightly dumps (if a database). */
    private record HostPlan(String name, List<String> roles, List<Duration> backupAges, boolean shipsToS3) {

        static HostPlan web(String name) {
            return new HostPlan(name, List.of("web"), List.of(), false);
        }

        /** A database server: its role says what it is, and {@code dumps} how it is backed up. */
        static HostPlan database(String name, boolean shipsToS3, Duration... backupAges) {
            return new HostPlan(name, List.of("database", "dumps"), List.of(backupAges), shipsToS3);
        }

        boolean isWeb() {
            return roles.contains("web");
        }

        boolean isDatabase() {
            return roles.contains("database");
        }
    }

    /** Starts the parts in order and remembers each, so a failure half-way stops what did start. */
    private static final class Builder {

        static final List<HostPlan> HOSTS = List.of(
                HostPlan.web("web-1"),
                HostPlan.web("web-2"),
                HostPlan.database("db-1", false, hours(5), hours(29), hours(53)),
                HostPlan.database("db-2", false, hours(7), hours(31), hours(55)),
                // db-3 keeps its dumps locally and ships them to S3.
                HostPlan.database("db-3", true, hours(4), hours(28)));

        final Path directory;
        final Deque<AutoCloseable> running = new ArrayDeque<>();
        final Map<String, EmbeddedSshServer> sshServers = new LinkedHashMap<>();
        final Map<String, WebServer> webServers = new LinkedHashMap<>();
        DemoRds rds;
        Path environmentFile;

        Builder(Path directory) {
            this.directory = directory;
        }

        Builder startEverything() throws Exception {
            // S3Proxy takes the longest to start (seconds, mostly jclouds' wiring): it starts while the hosts do.
            ExecutorService background = Executors.newSingleThreadExecutor(task -> new Thread(task, "demo-s3-start"));
            Future<ObjectStore> storeStarting = background.submit(() -> ObjectStore.start(directory.resolve("s3")));
            background.shutdown();
            rds = started(DemoRds.start(REGION));
            EnvironmentFile file = new EnvironmentFile();
            Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
            ClientKey clientKey;
            try {
                clientKey = ClientKey.generate(directory.resolve("client"), KeyKind.ED25519);
                for (HostPlan host : HOSTS) {
                    entries.put(host.name(), startHost(host, clientKey));
                }
            } finally {
                started(await(storeStarting));
            }
            ObjectStore store = (ObjectStore) running.peek();
            store.createBucket(BACKUP_BUCKET);
            for (HostPlan host : HOSTS) {
                if (host.shipsToS3()) {
                    shipToS3(store, host);
                    // its copies are in the S3 store, not where the account's RDS databases are found
                    entries.get(host.name()).put("aws", Map.of("endpoint", store.endpoint().toString()));
                }
                file.host(host.name(), entries.get(host.name()));
            }

            Path knownHosts = directory.resolve("client").resolve("known_hosts");
            Files.write(knownHosts, sshServers.values().stream().map(EmbeddedSshServer::knownHostsLine).toList());

            file.ssh("user", loginUser())
                    .ssh("identityFile", clientKey.privateKeyFile().toString())
                    .ssh("knownHosts", knownHosts.toString())
                    .ssh("hostKeyChecking", "strict")
                    .ssh("connectTimeout", "5s")
                    .ssh("useSshConfig", false)
                    .aws("region", REGION)
                    .aws("endpoint", rds.endpoint().toString())
                    .role("web", Map.of())
                    .role("database", Map.of())
                    .role("dumps", Map.of("backup", filesPolicy()))
                    .role("rds", Map.of("backup", Map.of("rds", "${host}", "maxAge", "24h")))
                    .hostSource("rds", Map.of("roles", List.of("database", "rds")));
            environmentFile = directory.resolve("demo.yaml");
            file.writeTo(environmentFile, """
                    The demo environment: started for one run by infra-junit-examples, deleted when it ends.
                    Every host below is an SSH server on 127.0.0.1 whose files live in %s/hosts/<name>.
                    The RDS databases are found through the AWS API, answered by a local stand-in at %s.
                    """.formatted(directory, rds.endpoint()));

            started(DemoAwsCredentials.offer(ObjectStore.ACCESS_KEY_ID, ObjectStore.SECRET_ACCESS_KEY));
            return this;
        }

        /** Seeds a host's files, starts its servers, and returns its entry for the environment file. */
        private Map<String, Object> startHost(HostPlan host, ClientKey clientKey) {
            Path root = directory.resolve("hosts").resolve(host.name());
            HostFiles files = new HostFiles(root, host.name());
            files.writeBase();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("etc", root.resolve("etc").toString());
            if (host.isWeb()) {
                WebServer web = started(WebServer.start(host.name()));
                webServers.put(host.name(), web);
                files.writeWebServerConfig(web.httpsPort(), web.httpPort());
                properties.put("httpsPort", web.httpsPort());
                properties.put("healthUrl", "http://127.0.0.1:" + web.httpPort() + WebServer.HEALTH_PATH);
                // the name the app connects to its database by; on this one machine, that is localhost
                properties.put("databaseName", "localhost");
            }
            if (host.isDatabase()) {
                files.writeDatabaseConfig();
                files.writeBackups(DUMP_SIZE, host.backupAges().toArray(Duration[]::new));
            }
            Map<String, Object> more = new LinkedHashMap<>();
            if (host.shipsToS3()) {
                // A host's own policies replace its role's: both the local dumps and their copies in S3 must be fresh.
                more.put("backup", List.of(filesPolicy(), Map.of("s3", "s3://" + BACKUP_BUCKET + "/" + host.name() + "/", "maxAge", "26h")));
            }
            more.put("properties", properties);

            EmbeddedSshServer ssh = started(EmbeddedSshServer.builder()
                    .authorize(clientKey.publicKey())
                    .user(loginUser())
                    .workingDirectory(root)
                    .start());
            sshServers.put(host.name(), ssh);
            if (host.isDatabase()) {
                properties.put("postgresPort", started(DatabasePort.open()).port());
            }
            return EnvironmentFile.entry(ssh.port(), host.roles(), more);
        }

        /** Each database's nightly dumps, in its own directory: the newest must be younger than a day. */
        private Map<String, Object> filesPolicy() {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("files", directory.resolve("hosts") + "/${host}/" + HostFiles.BACKUP_DIRECTORY + "/${host}-*.dump");
            policy.put("maxAge", "24h");
            return policy;
        }

        private static ObjectStore await(Future<ObjectStore> starting) throws Exception {
            try {
                return starting.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        private void shipToS3(ObjectStore store, HostPlan host) {
            Instant now = Instant.now();
            for (Duration age : host.backupAges()) {
                String key = host.name() + "/" + HostFiles.backupName(host.name(), now.minus(age));
                store.putObject(BACKUP_BUCKET, key, HostFiles.dumpContent(DUMP_SIZE), age);
            }
        }

        private <T extends AutoCloseable> T started(T part) {
            running.push(part);
            return part;
        }

        private static String loginUser() {
            return System.getProperty("user.name");
        }

        private static Duration hours(long hours) {
            return Duration.ofHours(hours);
        }
    }
}

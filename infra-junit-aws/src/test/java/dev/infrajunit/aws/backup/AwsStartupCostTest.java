package dev.infrajunit.aws.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.assertions.InfraAssertions;
import dev.infrajunit.aws.AwsClients;
import dev.infrajunit.aws.AwsContext;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.TestAwsCredentials;
import dev.infrajunit.testing.TestEnvironments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that checks only hosts pays nothing for AWS: in a fresh JVM, a files backup check loads
 * no AWS SDK class and none of the plug-in's AWS code, and an AWS check loads the SDK only when it runs. Each case runs in its own
 * JVM with class loading logged, since a JVM never unloads what an earlier test loaded.
 */
class AwsStartupCostTest {

    @TempDir
    Path temp;

    @Test
    void aFilesOnlyCheckLoadsNoAwsClass() throws Exception {
        Files.writeString(temp.resolve("db.dump"), "dump");

        List<String> loaded = runInFreshJvm("files");

        assertThat(loaded).anyMatch(line -> line.contains("dev.infrajunit.backup.FileBackups "));
        assertThat(loaded).noneMatch(line -> line.contains("software.amazon.awssdk."));
        // the plug-in's registration (AwsBackupStores) is read; none of its AWS code runs
        assertThat(loaded).filteredOn(line -> line.contains("dev.infrajunit.aws."))
                .allMatch(line -> line.contains("dev.infrajunit.aws.backup.AwsBackupStores")
                        || line.contains(AwsStartupCostTest.class.getName()));
    }

    @Test
    void anAwsClientLoadsTheSdkWhenItIsFirstAskedFor() throws Exception {
        List<String> loaded = runInFreshJvm("ec2");

        assertThat(loaded).anyMatch(line -> line.contains("software.amazon.awssdk.services.ec2.Ec2Client "));
        assertThat(loaded).noneMatch(line -> line.contains("software.amazon.awssdk.services.s3."));
    }

    /** The JVM's class-load log lines, after the child printed its last line, "done". */
    private List<String> runInFreshJvm(String mode) throws IOException, InterruptedException {
        Path log = temp.resolve(mode + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), mode, temp.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve(mode + ".out").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        String output = Files.readString(temp.resolve(mode + ".out"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("done");
        return Files.readAllLines(log);
    }

    /** What the child JVM runs: one files backup check, or one AWS client made. */
    public static final class Child {

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[1]);
            try (RunEnvironment environment = TestEnvironments.environment(Map.of("aws", Map.of("region", "eu-west-1",
                    "endpoint", "http://127.0.0.1:9")), TestEnvironments.localHost("db-1",
                    Map.of("backup", Map.of("files", dir + "/*.dump", "maxAge", "1h"))))) {
                long started = System.nanoTime();
                if (args[0].equals("files")) {
                    InfraAssertions.assertThat(environment.host("db-1")).hasRecentBackup();
                } else {
                    TestAwsCredentials.install();
                    AwsClients.ec2(AwsContext.of(environment));
                }
                System.out.printf("%s check took %d ms%n", args[0], TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            System.out.println("done");
        }
    }
}

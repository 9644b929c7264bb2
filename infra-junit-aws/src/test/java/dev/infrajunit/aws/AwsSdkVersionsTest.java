package dev.infrajunit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every AWS SDK module comes at the one version of the SDK's BOM: modules of two versions share
 * core classes that may not agree (the backup client is why the BOM is pinned where it is).
 */
class AwsSdkVersionsTest {

    @Test
    void everyAwsSdkModuleIsAtOneVersion() {
        List<Path> sdkJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("/software/amazon/awssdk/")).map(Path::of).toList();
        Set<String> versions = sdkJars.stream().map(jar -> jar.getParent().getFileName().toString()).collect(Collectors.toSet());

        assertThat(sdkJars).as("AWS SDK jars on the class path")
                .anyMatch(jar -> jar.toString().contains("/awssdk/backup/"))
                .anyMatch(jar -> jar.toString().contains("/awssdk/ec2/"));
        assertThat(versions).as("versions of %s", sdkJars).hasSize(1);
    }
}

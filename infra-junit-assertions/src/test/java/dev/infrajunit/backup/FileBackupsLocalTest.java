package dev.infrajunit.backup;

import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.testing.TestEnvironments;
import java.util.Map;

/** {@code files} policies on a {@code transport: local} host: commands run with {@code sh -c} in the test JVM's directory. */
class FileBackupsLocalTest extends FileBackupsContract {

    @Override
    HostDefinition host(String name, Map<String, Object> properties) {
        workingDirectory = java.nio.file.Path.of("").toAbsolutePath();
        return TestEnvironments.localHost(name, properties);
    }
}

package dev.infrajunit.backup;

import dev.infrajunit.embedded.OpenSshFleet;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.testing.TestEnvironments;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * {@code files} policies on a host of the real OpenSSH fleet that {@code scripts/start-test-sshd.sh}
 * starts on loopback; the fleet's unprivileged test user reads the backups through sshd's own shell.
 */
@Tag("openssh")
class FileBackupsOverOpenSshTest extends FileBackupsContract {

    /**
     * Without a fleet every test is skipped here, before it runs: asked for later, inside a check
     * that expects an exception, the skip would be caught as the wrong exception and fail the test.
     */
    @BeforeEach
    void fleetIsRunning() {
        OpenSshFleet.requireRunning();
    }

    @Override
    HostDefinition host(String name, Map<String, Object> properties) throws Exception {
        OpenSshFleet fleet = OpenSshFleet.requireRunning();
        OpenSshFleet.Endpoint endpoint = fleet.hosts().get(0);
        // The temporary directory is private to root; the fleet's user must list the backups, and the
        // quoting test's verify command writes what it was given next to them.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        return TestEnvironments.sshHost(name, endpoint.address(), endpoint.port(), fleet.user(), fleet.identityFile(),
                fleet.knownHosts(), properties);
    }

    @Override
    boolean loginUserIsRoot() {
        return false;
    }
}

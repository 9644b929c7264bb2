package dev.infrajunit.transport.ssh;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test over hosts played by embedded SSH servers: a fresh {@link SshFixture} in its own directory per test. */
abstract class EmbeddedSshTest {

    @TempDir
    Path dir;
    SshFixture fixture;

    @BeforeEach
    final void startFixture() {
        fixture = new SshFixture(dir);
    }

    @AfterEach
    final void closeFixture() throws Exception {
        fixture.close();
    }
}

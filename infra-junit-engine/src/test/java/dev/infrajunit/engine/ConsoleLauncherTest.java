package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.engine.fixtures.good.BackupSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.platform.console.ConsoleLauncher;

class ConsoleLauncherTest {

    @Test
    void theTreeShowsEachHostUnderItsCheckWithTheFailureMessage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        ConsoleLauncher.run(new PrintWriter(out), new PrintWriter(err), "execute",
                "--disable-banner", "--disable-ansi-colors", "--details=tree", "--include-engine=infra-junit",
                "--config=infra.environment=fleet", "--select-class=" + BackupSpec.class.getName());

        assertThat(out.toString()).contains("""
                └─ infra-junit ✔
                   └─ BackupSpec ✔
                """, """
                      └─ everyDatabaseIsBackedUp ✔
                         ├─ db-1 ✔
                         ├─ db-2 ✘ db-2: expected a backup younger than 24h, but the newest is 51h old
                         └─ db-3 ✔
                """, """
                      ├─ webHostsRunCommands ✔
                      │  └─ web-1 ✔
                """, "[         1 tests failed          ]");
        assertThat(err.toString()).isEmpty();
    }
}

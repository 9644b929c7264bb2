package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.engine.fixtures.good.BackupSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

        // Hosts run in parallel, so siblings appear in the order they finished: compare without tree glyphs.
        List<String> lines = out.toString().lines().map(line -> line.replaceAll("^[\\s│├└─╷]+", "")).toList();
        assertThat(lines).containsSubsequence("infra-junit ✔", "BackupSpec ✔");
        assertThat(lines).contains("everyDatabaseIsBackedUp ✔", "db-1 ✔", "db-3 ✔",
                "db-2 ✘ db-2: expected a backup younger than 24h, but the newest is 51h old",
                "webHostsRunCommands ✔", "web-1 ✔", "db-3 answers commands ✔", "[         1 tests failed          ]");
        assertThat(out.toString()).containsPattern("everyDatabaseIsBackedUp ✔\\n(\\s*│?\\s*[├└]─ db-[123] .*\\n){3}");
        assertThat(err.toString()).isEmpty();
    }
}

package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.engine.fixtures.good.BackupSpec;
import dev.infrajunit.engine.fixtures.commands.CommandsSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /** Open Test Reporting XML, written by the Platform's own listener, carries every command a check ran. */
    @Test
    void openTestReportingXmlHoldsTheCommandsOfEachCheck(@TempDir Path reports) throws IOException {
        StringWriter out = new StringWriter();

        ConsoleLauncher.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "execute",
                "--disable-banner", "--details=none", "--include-engine=infra-junit", "--config=infra.environment=fleet",
                "--config=junit.platform.reporting.open.xml.enabled=true", "--reports-dir=" + reports,
                "--select-method=" + CommandsSpec.class.getName() + "#echoes(dev.infrajunit.Host)");

        Path xml;
        try (Stream<Path> files = Files.list(reports)) {
            xml = files.filter(file -> file.getFileName().toString().startsWith("open-test-report")
                    || file.getFileName().toString().startsWith("junit-platform-events")).findFirst().orElseThrow();
        }
        String report = Files.readString(xml);
        assertThat(report).contains("<e:reported id=\"4\"", "<entry key=\"host\">web-1</entry><entry key=\"command\">echo"
                + " 'hello world'; echo warn &gt;&amp;2; exit 3</entry><entry key=\"exitStatus\">3</entry><entry"
                + " key=\"durationMs\">", "<entry key=\"measured\">42</entry>");
    }
}

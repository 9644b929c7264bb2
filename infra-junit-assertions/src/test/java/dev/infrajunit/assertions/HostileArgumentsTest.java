package dev.infrajunit.assertions;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.RecordingHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments that a shell would run if they were pasted into a command line: every one of them goes
 * through every kind of check, nothing extra runs (the marker file never appears), and each check
 * still answers about the thing named, character for character.
 */
class HostileArgumentsTest {

    @TempDir
    Path dir;

    private LocalHosts hosts;
    private RecordingHost host;
    private Path marker;
    private List<String> hostile;

    @BeforeEach
    void open() {
        hosts = new LocalHosts("target");
        host = new RecordingHost(hosts.host("target"));
        marker = dir.resolve("marker");
        String m = marker.toString();
        hostile = List.of(
                "x'; touch " + m + "; echo '",
                "x\"; touch " + m + "; echo \"",
                "$(touch " + m + ")",
                "`touch " + m + "`",
                "x; touch " + m,
                "x && touch " + m,
                "x | touch " + m,
                "x\ntouch " + m,
                "x > " + m,
                "*",
                "/etc/*",
                "-rf",
                "--help",
                "-");
    }

    @AfterEach
    void close() {
        hosts.close();
    }

    @Test
    void filesWithHostileNamesAreCheckedAsThemselves() throws Exception {
        for (String name : hostile) {
            if (name.contains("/") && !name.startsWith("/")) {
                continue;
            }
            String safeName = name.startsWith("/") ? name.substring(1).replace('/', '_') : name;
            Path file = dir.resolve(safeName);
            Files.writeString(file, "content of " + safeName);
            String path = file.toString();
            assertThatCode(() -> assertThat(host).file(path).exists().isFile().hasSize(11 + safeName.length())
                    .contains("content of " + safeName)).as(name).doesNotThrowAnyException();
            Files.delete(file);
            assertThatThrownBy(() -> assertThat(host).file(path).exists()).as(name)
                    .hasMessage("target: expected " + path + " to exist, but it does not (stat of " + path + ")");
        }
        Assertions.assertThat(marker).doesNotExist();
    }

    @Test
    void everyKindOfCheckTakesHostileArgumentsLiterally() {
        for (String bad : hostile) {
            String relative = dir.resolve("missing-" + bad.replace('/', '_')).toString();
            expectFailure(() -> assertThat(host).file(relative).exists(), "target: expected " + relative + " to exist");
            expectFailure(() -> assertThat(host).file(bad).hasSha256("00"), "target: expected " + bad);
            expectFailure(() -> assertThat(host).pkg(bad).isInstalled(), "target: expected package " + bad + " to be installed");
            expectFailure(() -> assertThat(host).process(bad).isRunning(), "target: expected process " + bad + " to be running");
            expectFailure(() -> assertThat(host).user(bad).exists(), "target: expected user " + bad + " to exist");
            expectFailure(() -> assertThat(host).group(bad).exists(), "target: expected group " + bad + " to exist");
            expectFailure(() -> assertThat(host).sysctl(bad).hasValue("1"), "target: expected sysctl " + bad);
            expectFailure(() -> assertThat(host).mount(bad).exists(), "target: expected mount " + bad + " to exist");
            if (!bad.contains("/")) {
                expectFailure(() -> assertThat(host).service(bad).isRunning(), "target: expected service " + bad + " to be running");
            }
            // whitespace is not allowed in a URL; the shell's other specials are
            String url = "http://127.0.0.1:1/" + bad.replace(" ", "%20").replace("\n", "%0A");
            expectFailure(() -> assertThat(host).http(url).hasStatus(200), "target: expected " + url + " to have status 200");
            expectFailure(() -> assertThat(host).tlsCertificate(bad, 1).isValidForAtLeastDays(1),
                    "target: expected the TLS certificate served on " + bad + ":1");
            assertThatCode(() -> assertThat(host).command(Command.of("printf %s {0}", bad)).succeeds().hasStdoutContaining(bad))
                    .as(bad).doesNotThrowAnyException();
        }
        Assertions.assertThat(marker).doesNotExist();
    }

    /** Programs that only read, and the only subcommands allowed for those that could also write. */
    private static final Set<String> READ_ONLY = Set.of("date", "stat", "head", "cat", "sha256sum", "echo", "printf", "command",
            "dpkg-query", "rpm", "apk", "ss", "for", "[", "exit", "ls", "grep", "getent", "id", "sysctl", "df", "uname", "openssl",
            "curl", "wget", "fi", "done");
    private static final Pattern ALLOWED_SUBCOMMAND = Pattern.compile(
            "(systemctl show|rc-service --exists --|rc-service -- \\{0} status|rc-update show|/etc/init.d/\\{0} status)($|\\s.*)");

    /** Only the arguments vary; every fixed part of every command sent runs a read-only program and writes no file. */
    @Test
    void commandTemplatesOnlyRead() {
        everyKindOfCheckTakesHostileArgumentsLiterally();
        List<String> templates = host.commands().stream().map(Command::template).distinct().toList();
        Assertions.assertThat(templates).hasSizeGreaterThan(10);
        Pattern fileRedirect = Pattern.compile("[0-9]?>(?!&\\d|/dev/null)");
        for (String template : templates) {
            Assertions.assertThat(fileRedirect.matcher(template).find()).as("writes a file: " + template).isFalse();
            // quoted text is data for the program (formats, scripts for awk), not shell syntax
            String unquoted = template.replaceAll("'[^']*'", "''");
            for (String part : unquoted.split(";|&&|\\|\\||\\||\\bthen\\b|\\belse\\b|\\bdo\\b")) {
                String simple = part.strip().replaceFirst("^(if|elif|while|!)\\s+", "");
                if (simple.isEmpty()) {
                    continue;
                }
                String program = simple.split("\\s+")[0];
                Assertions.assertThat(READ_ONLY.contains(program) || ALLOWED_SUBCOMMAND.matcher(simple).matches())
                        .as("'" + simple + "' in: " + template).isTrue();
            }
        }
    }

    private void expectFailure(Runnable check, String messageStart) {
        assertThatThrownBy(check::run).isInstanceOf(AssertionError.class).hasMessageStartingWith(messageStart);
    }

    Host host() {
        return host;
    }
}

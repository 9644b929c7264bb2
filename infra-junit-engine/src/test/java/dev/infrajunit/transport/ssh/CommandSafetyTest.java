package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.spi.Transport;
import dev.infrajunit.transport.LocalTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arguments that would run a command of their own if they reached the shell unquoted. Each goes
 * through a template to a host (over SSH, through {@code sudo -n sh -c}, and locally) and must come
 * back unchanged, while the marker file the attack would create never appears.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommandSafetyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static SshFixture fixture;
    private static Path home;
    private static Transport ssh;
    private static Transport sshWithSudo;
    private static Transport local;

    static Stream<String> hostileArguments() {
        return Stream.of(
                "'; touch PWNED; '",
                "\"; touch PWNED; \"",
                "$(touch PWNED)",
                "`touch PWNED`",
                "x; touch PWNED",
                "x && touch PWNED",
                "x | touch PWNED",
                "x > PWNED",
                "x\ntouch PWNED",
                "x\r\ntouch PWNED",
                "${IFS}touch${IFS}PWNED",
                "\\'; touch PWNED #",
                "'\\''; touch PWNED; '\\''",
                "*",
                "PWN?D [a-z]* ~root",
                "-e touch PWNED",
                "$HOME $(id) ${PATH}",
                "' \"$(touch PWNED)\" '",
                "");
    }

    @BeforeAll
    static void startHost() throws IOException {
        fixture = new SshFixture(dir);
        // sudo as a host would have it, minus the privilege: it runs what it is given
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = Files.writeString(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = -n ] || exit 1\nshift\nexec \"$@\"\n");
        sudo.toFile().setExecutable(true);
        EmbeddedSshServer server = fixture.server("web-1", EmbeddedSshServer.builder()
                .environment("PATH", bin + ":" + System.getenv("PATH")));
        home = fixture.home("web-1");
        Files.writeString(home.resolve("a-file-a-glob-would-list"), "");
        HostDefinition web1 = fixture.host("web-1", server).build();
        HostDefinition web1Sudo = fixture.host("web-1-sudo", server).sudo().build();
        SshTransports transports = fixture.transports(web1, web1Sudo);
        ssh = transports.forHost(web1);
        sshWithSudo = transports.forHost(web1Sudo);
        local = new LocalTransport("localhost");
    }

    @AfterAll
    static void stopHost() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @MethodSource("hostileArguments")
    void anArgumentIsPassedAsOneWordAndNothingElseRuns(String argument) throws IOException {
        Command echo = Command.of("cd {0} && printf '[%s]' {1}", home.toString(), argument);
        List<CommandResult> results = List.of(
                ssh.execute(echo, TIMEOUT),
                sshWithSudo.execute(echo.privileged(), TIMEOUT),
                local.execute(echo, TIMEOUT));

        for (CommandResult result : results) {
            assertThat(result.stdout()).as(result.host()).isEqualTo("[" + argument + "]");
            assertThat(result.stderr()).as(result.host()).isEmpty();
            assertThat(result.exitStatus()).as(result.host()).isZero();
        }
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a-file-a-glob-would-list");
        }
    }
}

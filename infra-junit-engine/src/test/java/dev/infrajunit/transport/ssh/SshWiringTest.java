package dev.infrajunit.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.Command;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.transport.Transports;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSH transport as the rest of the engine reaches it: through {@link Transports} and {@link Host#run}. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshWiringTest extends EmbeddedSshTest {

    @Test
    void hostsOfARunEnvironmentRunCommandsOverSshAndLocally() throws Exception {
        EmbeddedSshServer server = fixture.server("web-1");
        Files.writeString(fixture.home("web-1").resolve("index.html"), "hello from web-1\n");
        HostDefinition web1 = fixture.host("web-1", server).build();
        HostDefinition localhost = new HostDefinition("localhost", "localhost", List.of(), "local", web1.ssh(),
                Duration.ofSeconds(10), false, Map.of(), 0);

        try (RunEnvironment run = new RunEnvironment(environment(web1, localhost))) {
            assertThat(run.host("web-1").run(Command.of("cat index.html")).stdout()).isEqualTo("hello from web-1\n");
            assertThat(run.host("localhost").run(Command.of("echo local")).stdout()).isEqualTo("local\n");
            assertThat(run.host("web-1").run(Command.of("true")).succeeded()).isTrue();
        }
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void closingTheRunClosesTheConnectionsAndRefusesFurtherCommands() {
        EmbeddedSshServer server = fixture.server("web-1");
        HostDefinition web1 = fixture.host("web-1", server).build();
        Transports transports = new Transports(environment(web1), () -> fixture.transports(web1));
        transports.forHost(web1).execute(Command.of("true"), Duration.ofSeconds(10));

        transports.close();

        assertThatThrownBy(() -> transports.forHost(web1).execute(Command.of("true"), Duration.ofSeconds(10)))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessage("web-1: the run is over: its SSH connections are closed");
    }

    @Test
    void anUnknownTransportIsNamed() {
        HostDefinition odd = new HostDefinition("odd-1", "odd-1", List.of(), "telnet", fixture.host("odd-1", fixture.server("odd")).build().ssh(),
                Duration.ofSeconds(10), false, Map.of(), 0);
        try (Transports transports = new Transports(environment(odd))) {
            assertThatThrownBy(() -> transports.forHost(odd))
                    .isInstanceOf(CouldNotCheckException.class)
                    .hasMessage("odd-1: unknown transport 'telnet': use ssh (the default), local, none, or a transport kind whose"
                            + " plug-in is on the class path");
        }
    }

    private static EnvironmentDefinition environment(HostDefinition... hosts) {
        return new EnvironmentDefinition("test", Optional.empty(), Map.of(), List.of(hosts));
    }
}

package dev.infrajunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.infrajunit.embedded.ClientKey;
import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.embedded.KeyKind;
import dev.infrajunit.engine.fixtures.discovered.WebTierSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Hosts an environment file does not list but discovers through {@code hostSources:}: a
 * {@code @ForEachHost("role:web")} check fans out over them, and each is reached over SSH the way
 * the SSH client configuration it came from says (HostName, Port, User, IdentityFile).
 */
class DiscoveredHostsTest {

    private static final UniqueId CHECK = UniqueId.forEngine("infra-junit").append("class", WebTierSpec.class.getName())
            .append("method", "answersFromItsOwnServer(dev.infrajunit.Host)");

    @TempDir
    Path dir;
    private final List<EmbeddedSshServer> servers = new ArrayList<>();
    private Path environment;

    @BeforeEach
    void webTierInAnSshConfig() throws Exception {
        ClientKey key = ClientKey.generate(dir.resolve("keys"), KeyKind.ED25519);
        StringBuilder config = new StringBuilder();
        StringBuilder knownHosts = new StringBuilder();
        for (String name : List.of("web-1", "web-2")) {
            EmbeddedSshServer server = EmbeddedSshServer.builder().user("deploy").authorize(key.publicKey())
                    .workingDirectory(Files.createDirectories(dir.resolve(name))).environment("SERVED_BY", name).start();
            servers.add(server);
            knownHosts.append(server.knownHostsLine()).append('\n');
            config.append("""
                    Host %s
                        HostName %s
                        Port %d
                        User deploy
                        IdentityFile %s

                    """.formatted(name, server.address(), server.port(), key.privateKeyFile()));
        }
        // not a web host: never matched, never connected to
        config.append("Host db-1\n    HostName 127.0.0.1\n    Port 1\n\nHost *\n    User nobody\n");
        Path sshConfig = Files.writeString(dir.resolve("ssh_config"), config);
        Path knownHostsFile = Files.writeString(dir.resolve("known_hosts"), knownHosts);
        environment = Files.writeString(dir.resolve("discovered.yaml"), """
                ssh: { knownHosts: %s, connectTimeout: 5s }
                roles:
                  web: {}
                hostSources:
                  - sshConfig: %s
                    match: web-*
                    roles: [web]
                """.formatted(knownHostsFile, sshConfig));
    }

    @AfterEach
    void stopServers() {
        servers.forEach(EmbeddedSshServer::close);
    }

    private EngineTestKit.Builder engine() {
        return EngineTestKit.engine(InfraTestEngine.ENGINE_ID)
                .configurationParameter("infra.environment", environment.toString())
                .configurationParameter("junit.platform.discovery.issue.severity.critical", "error")
                .selectors(selectClass(WebTierSpec.class));
    }

    @Test
    void aRoleSelectorFansOutOverTheDiscoveredHosts() {
        var discovery = engine().discover();

        TestDescriptor check = discovery.getEngineDescriptor().findByUniqueId(CHECK).orElseThrow();
        assertThat(check.getChildren()).extracting(TestDescriptor::getUniqueId)
                .containsExactly(CHECK.append("host", "web-1"), CHECK.append("host", "web-2"));
        assertThat(discovery.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void eachDiscoveredHostIsReachedThroughItsSshConfiguration() {
        EngineExecutionResults results = engine().execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("web-1"), finishedSuccessfully()))
                .haveExactly(1, event(test("web-2"), finishedSuccessfully()));
        assertThat(servers).allSatisfy(server -> assertThat(server.connectionCount()).isEqualTo(1));
    }
}

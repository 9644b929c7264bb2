package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.InfraAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.assertions.InfraSoftAssertions;
import dev.infrajunit.assertions.testing.LocalHosts;
import dev.infrajunit.assertions.testing.NamespacedHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Configuration files on this machine, read over the local transport and parsed; this machine's real sshd -T. */
class ConfigAssertTest {

    @RegisterExtension
    final LocalHosts hosts = new LocalHosts("app-1");
    private final Host app = hosts.host("app-1");

    @TempDir
    Path directory;
    private String json;
    private String yaml;

    @BeforeEach
    void files() throws IOException {
        json = Files.writeString(directory.resolve("config.json"), """
                {"server": {"port": 8443, "tls": true, "name": "app"},
                 "upstreams": [{"host": "db-1", "port": 5432}, {"host": "db-2", "port": 5432}],
                 "features": ["audit", "metrics"], "proxy": null}
                """).toString();
        yaml = Files.writeString(directory.resolve("app.yaml"), """
                server:
                  port: 8443
                logging: { level: INFO }
                upstreams:
                  - host: db-1
                """).toString();
    }

    @Test
    void jsonValuesByKeyPath() {
        assertThatCode(() -> assertThat(app).jsonFile(json).isValid().hasValue("server.port", 8443).hasKey("proxy")
                .doesNotHaveKey("server.debug")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(app).jsonFile(json).at("upstreams[1].host").hasValue("db-2")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(app).jsonFile(json).at("server.tls").hasValue(true)).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(app).jsonFile(json).at("features").contains("audit")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).jsonFile(json).at("server.port").hasValue(443))
                .isInstanceOf(AssertionError.class)
                .hasMessage("app-1: expected server.port in " + json + " to have value 443, but it has 8443 (" + json
                        + ", read as JSON)");
        assertThatThrownBy(() -> assertThat(app).jsonFile(json).at("upstreams[2].host").exists())
                .hasMessage("app-1: expected upstreams[2].host in " + json + " to exist, but it does not (" + json
                        + ", read as JSON)");
        assertThatThrownBy(() -> assertThat(app).jsonFile(json).at("features").contains("tracing"))
                .hasMessage("app-1: expected features in " + json + " to contain \"tracing\", but it is [audit, metrics] ("
                        + json + ", read as JSON)");
        assertThatThrownBy(() -> assertThat(app).jsonFile(json).at("server.name").doesNotExist())
                .hasMessage("app-1: expected server.name in " + json + " not to exist, but it is app (" + json
                        + ", read as JSON)");
    }

    @Test
    void yamlValues() {
        assertThatCode(() -> assertThat(app).yamlFile(yaml).hasValue("logging.level", "INFO")
                .hasValue("upstreams[0].host", "db-1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).yamlFile(yaml).at("logging.level").hasValue("WARN"))
                .hasMessage("app-1: expected logging.level in " + yaml + " to have value WARN, but it has INFO (" + yaml
                        + ", read as YAML)");
    }

    @Test
    void propertiesAndIniValues() throws IOException {
        String properties = Files.writeString(directory.resolve("app.properties"),
                "# tuned\nserver.port = 8080\nspring.datasource.url=jdbc:postgresql://db-1/app\n").toString();
        String ini = Files.writeString(directory.resolve("my.cnf"),
                "; MariaDB\n[mysqld]\nbind-address = 127.0.0.1\nskip-name-resolve\n[client]\nport=3306\n").toString();
        assertThatCode(() -> assertThat(app).propertiesFile(properties).hasValue("server.port", 8080)
                .hasValue("spring.datasource.url", "jdbc:postgresql://db-1/app")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(app).iniFile(ini).hasValue("mysqld.bind-address", "127.0.0.1")
                .hasKey("mysqld.skip-name-resolve").hasValue("client.port", 3306)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(app).iniFile(ini).at("mysqld.bind-address").hasValue("0.0.0.0"))
                .hasMessage("app-1: expected mysqld.bind-address in " + ini + " to have value 0.0.0.0, but it has 127.0.0.1 ("
                        + ini + ", read as INI)");
    }

    @Test
    void aFileThatDoesNotParseIsAFailureThatSaysWhere() throws IOException {
        String broken = Files.writeString(directory.resolve("broken.json"), "{\"server\": {\"port\": 8443,}\n").toString();
        assertThatThrownBy(() -> assertThat(app).jsonFile(broken).at("server.port").hasValue(8443))
                .isInstanceOf(AssertionError.class)
                .message().startsWith("app-1: expected " + broken + " to be valid JSON, but ")
                .contains("line 1").endsWith("(" + broken + ", read as JSON)");
    }

    @Test
    void aMissingFileCannotBeChecked() {
        assertThatThrownBy(() -> assertThat(app).jsonFile(directory + "/missing.json").at("a").exists())
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check the content of " + directory + "/missing.json: `head -c");
    }

    @Test
    void aKeyPathThatIsNotOne() {
        assertThatThrownBy(() -> assertThat(app).jsonFile(json).at("server..port"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'server..port' is not a key path; write keys joined by dots, with list indexes in brackets,"
                        + " e.g. server.port or upstreams[0].host");
    }

    @Test
    void softlyEveryValueIsChecked() {
        assertThatThrownBy(() -> InfraSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(app).jsonFile(json).hasValue("server.port", 443).hasValue("server.name", "web");
        })).hasMessageContaining("to have value 443, but it has 8443").hasMessageContaining("to have value web, but it has app");
    }

    @Test
    void sshdsEffectiveConfigurationOfThisMachine() throws IOException {
        Path config = Files.writeString(directory.resolve("sshd_config"), """
                PermitRootLogin no
                PasswordAuthentication no
                AcceptEnv LANG LC_*
                Subsystem sftp internal-sftp
                """);
        Host hardened = NamespacedHost.withMounts(app, Map.of("/etc/ssh/sshd_config", config), false);
        assertThatCode(() -> assertThat(hardened).sshdConfig().hasValue("PermitRootLogin", "no")
                .hasValue("passwordauthentication", "no").hasValue("x11forwarding", "no")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(hardened).sshdConfig().at("AcceptEnv").contains("LC_*")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(hardened).sshdConfig().at("MaxAuthTries").hasValue(3))
                .hasMessage("app-1: expected MaxAuthTries in sshd's effective configuration to have value 3, but it has 6"
                        + " (sshd -T)");
    }

    @Test
    void sshdTWithoutRootCannotBeChecked() {
        Host nobody = NamespacedHost.withMounts(app, Map.of(), true);
        assertThatThrownBy(() -> assertThat(nobody).sshdConfig().at("PermitRootLogin").hasValue("no"))
                .isInstanceOf(CouldNotCheckException.class)
                .hasMessageStartingWith("app-1: cannot check sshd's effective configuration: `")
                .hasMessageEndingWith("exited with 1: sshd: no hostkeys available -- exiting.; sshd -T reads the host keys,"
                        + " which only root may: give the check root (sudo: true for the host)");
    }
}

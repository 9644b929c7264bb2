package dev.infrajunit.transport.ssh;

import dev.infrajunit.embedded.EmbeddedSshServer;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.environment.HostKeyChecking;
import dev.infrajunit.environment.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the host definitions the environment loader would produce, for hosts played by test servers. */
final class TestHost {

    private final String name;
    private String address;
    private String user = "infra";
    private int port;
    private List<Path> identityFiles = List.of();
    private Optional<String> passphraseEnv = Optional.empty();
    private Path knownHosts;
    private HostKeyChecking checking = HostKeyChecking.STRICT;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Optional<String> jumpHost = Optional.empty();
    private boolean useSshConfig;
    private Optional<Path> configFile = Optional.empty();
    private Duration commandTimeout = Duration.ofSeconds(10);
    private boolean sudo;

    private TestHost(String name) {
        this.name = name;
    }

    static TestHost named(String name) {
        return new TestHost(name);
    }

    /** A host reached at the server's address and port, logging in with {@code key}, verified against {@code knownHosts}. */
    static TestHost on(String name, EmbeddedSshServer server, Path key, Path knownHosts) {
        return named(name).address(server.address()).port(server.port()).identityFile(key).knownHosts(knownHosts);
    }

    TestHost address(String address) {
        this.address = address;
        return this;
    }

    TestHost user(String user) {
        this.user = user;
        return this;
    }

    TestHost port(int port) {
        this.port = port;
        return this;
    }

    TestHost identityFile(Path... files) {
        this.identityFiles = List.of(files);
        return this;
    }

    TestHost passphraseEnv(String variable) {
        this.passphraseEnv = Optional.of(variable);
        return this;
    }

    TestHost knownHosts(Path file) {
        this.knownHosts = file;
        return this;
    }

    TestHost hostKeyChecking(HostKeyChecking checking) {
        this.checking = checking;
        return this;
    }

    TestHost connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    TestHost jumpHost(String jump) {
        this.jumpHost = Optional.of(jump);
        return this;
    }

    TestHost useSshConfig() {
        this.useSshConfig = true;
        return this;
    }

    /** Consults this SSH client configuration ({@code ssh.configFile}) rather than the run's. */
    TestHost configFile(Path file) {
        this.useSshConfig = true;
        this.configFile = Optional.of(file);
        return this;
    }

    TestHost commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
        return this;
    }

    TestHost sudo() {
        this.sudo = true;
        return this;
    }

    HostDefinition build() {
        SshSettings ssh = new SshSettings(user, port, identityFiles, passphraseEnv, knownHosts, checking, connectTimeout,
                jumpHost, useSshConfig, configFile);
        return new HostDefinition(name, address == null ? name : address, List.of(), "ssh", ssh, commandTimeout, sudo, Map.of(), 0);
    }
}

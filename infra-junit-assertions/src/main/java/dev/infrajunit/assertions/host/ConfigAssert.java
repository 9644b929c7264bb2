package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldBe.shouldBe;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.assertions.facts.ConfigDocuments;
import dev.infrajunit.assertions.facts.ConfigDocuments.Format;
import dev.infrajunit.assertions.facts.FileFacts;
import dev.infrajunit.assertions.facts.HostTools;
import dev.infrajunit.assertions.host.Subjects.HostConfig;
import dev.infrajunit.assertions.host.Subjects.HostConfigValue;

/**
 * A configuration, parsed: a JSON, YAML, properties or INI file, or sshd's effective configuration.
 * Walk to a value with {@link #at(String)}:
 * <pre>{@code
 * assertThat(host).jsonFile("/etc/app/config.json").at("server.port").hasValue(8443);
 * assertThat(host).yamlFile("/etc/app/app.yaml").at("upstreams[0].host").hasValue("db-1");
 * assertThat(host).sshdConfig().at("PermitRootLogin").hasValue("no");
 * }</pre>
 * In soft assertions, use {@link #hasValue(String, Object)}, which collects like every other check.
 * The content is read and parsed once per chain.
 */
public class ConfigAssert extends HostSubjectAssert<ConfigAssert, HostConfig> {

    private static final Command SSHD_T = Command.of("if command -v sshd >/dev/null 2>&1; then sshd -T;"
            + " elif [ -x /usr/sbin/sshd ]; then /usr/sbin/sshd -T; else exit 127; fi").privileged();

    private Object document;

    public ConfigAssert(HostConfig config) {
        super(config, ConfigAssert.class);
    }

    /** The content parses in its format. */
    public ConfigAssert isValid() {
        document();
        return this;
    }

    /** The value at a key path: keys joined by dots, list indexes in brackets ({@code upstreams[0].host}). */
    public ConfigValueAssert at(String keyPath) {
        ConfigDocuments.requireKeyPath(keyPath);
        return new ConfigValueAssert(new HostConfigValue(actual.host(), keyPath, subject(),
                ConfigDocuments.at(actual.format(), document(), keyPath), actual.source()));
    }

    public ConfigAssert hasKey(String keyPath) {
        at(keyPath).exists();
        return this;
    }

    public ConfigAssert doesNotHaveKey(String keyPath) {
        at(keyPath).doesNotExist();
        return this;
    }

    /** The value at a key path, compared as text: {@code hasValue("server.port", 8443)}. */
    public ConfigAssert hasValue(String keyPath, Object expected) {
        at(keyPath).hasValue(expected);
        return this;
    }

    private Object document() {
        if (document == null) {
            String text = actual.format() == Format.SSHD_EFFECTIVE ? sshdEffective() : FileFacts.content(host(), actual.path());
            try {
                document = ConfigDocuments.parse(actual.format(), text);
            } catch (ConfigDocuments.MalformedException e) {
                throw fail(shouldBe(hostName(), subject(), "valid " + actual.format().label(), e.getMessage(), actual.source()));
            }
        }
        return document;
    }

    private String sshdEffective() {
        CommandResult result = host().run(SSHD_T);
        if (result.commandNotFound()) {
            throw HostTools.missing(host(), subject(), "sshd is not installed (not on the PATH, nor /usr/sbin/sshd)");
        }
        if (!result.succeeded()) {
            String hint = result.stderr().contains("hostkeys") || result.stderr().contains("ermission denied")
                    ? "; sshd -T reads the host keys, which only root may: give the check root (sudo: true for the host)"
                    : "";
            throw HostTools.missing(host(), subject(), HostTools.exited(result) + hint);
        }
        return result.stdout();
    }
}

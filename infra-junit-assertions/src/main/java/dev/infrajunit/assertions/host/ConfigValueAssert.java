package dev.infrajunit.assertions.host;

import static dev.infrajunit.assertions.error.ShouldContain.shouldContain;
import static dev.infrajunit.assertions.error.ShouldExist.shouldExist;
import static dev.infrajunit.assertions.error.ShouldHave.shouldHave;
import static dev.infrajunit.assertions.error.ShouldNotExist.shouldNotExist;

import dev.infrajunit.assertions.facts.ConfigDocuments;
import dev.infrajunit.assertions.host.Subjects.HostConfigValue;
import java.util.Collection;

/** One value of a parsed configuration: {@code assertThat(host).jsonFile(p).at("server.port").hasValue(8443)}. */
public class ConfigValueAssert extends HostSubjectAssert<ConfigValueAssert, HostConfigValue> {

    public ConfigValueAssert(HostConfigValue value) {
        super(value, ConfigValueAssert.class);
    }

    public ConfigValueAssert exists() {
        value();
        return this;
    }

    public ConfigValueAssert doesNotExist() {
        if (actual.value().isPresent()) {
            throw fail(shouldNotExist(hostName(), subject(), "it is " + ConfigDocuments.text(actual.value().get()),
                    actual.source()));
        }
        return this;
    }

    /** Compared as text, so {@code 8443}, {@code true} and {@code "no"} read as the file writes them. */
    public ConfigValueAssert hasValue(Object expected) {
        String found = ConfigDocuments.text(value());
        if (!found.equals(String.valueOf(expected))) {
            throw fail(shouldHave(hostName(), subject(), "value", expected, found, actual.source()));
        }
        return this;
    }

    /** A list that holds this element, or a text that contains it. */
    public ConfigValueAssert contains(Object element) {
        Object value = value();
        boolean holds = value instanceof Collection<?> list
                ? list.stream().anyMatch(e -> ConfigDocuments.text(e).equals(String.valueOf(element)))
                : ConfigDocuments.text(value).contains(String.valueOf(element));
        if (!holds) {
            throw fail(shouldContain(hostName(), subject(), String.valueOf(element), ConfigDocuments.text(value),
                    actual.source()));
        }
        return this;
    }

    private Object value() {
        return actual.value().orElseThrow(() -> fail(shouldExist(hostName(), subject(), actual.source())));
    }
}

package dev.infrajunit.environment;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an environment's text came from: named the way messages show it (a path, or
 * {@code classpath:infra/NAME.yaml}), and the file itself when there is one.
 */
record EnvironmentOrigin(String description, Optional<Path> file) {

    EnvironmentException at(int line, String key, String problem) {
        return new EnvironmentException(description, file, line, key, problem);
    }

    /** A problem with one value: the message names the value's key path, then the problem. */
    EnvironmentException invalid(YamlNode node, String problem) {
        String prefix = node.path().isEmpty() ? "" : node.path() + ": ";
        return at(node.line(), node.path(), prefix + problem);
    }
}

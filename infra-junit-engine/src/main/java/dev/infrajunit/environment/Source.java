package dev.infrajunit.environment;

/** Where an environment's text came from, named the way messages show it. */
record Source(String description) {

    EnvironmentException at(int line, String key, String problem) {
        return new EnvironmentException(description, line, key, problem);
    }

    /** A problem with one value: the message names the value's key path, then the problem. */
    EnvironmentException invalid(YamlNode node, String problem) {
        String prefix = node.path().isEmpty() ? "" : node.path() + ": ";
        return at(node.line(), node.path(), prefix + problem);
    }
}

package dev.infrajunit.environment;

import dev.infrajunit.InfraException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An environment that cannot be used: an unknown name, a missing or unreadable file, malformed
 * YAML, an unknown key, a value of the wrong kind, a missing environment variable. The message
 * starts with where the problem is ({@code staging.yaml:14: ...}) and says what to do; it never
 * contains a value read from an environment variable.
 */
public class EnvironmentException extends InfraException {

    private final String source;
    private final Optional<Path> file;
    private final int line;
    private final String key;

    /**
     * A problem at a place in a file; the message becomes {@code source:line: problem}
     * ({@code source: problem} when the line is not known).
     *
     * @param source  the file path, or a description such as {@code classpath:infra/staging.yaml}
     * @param file    the file, when the text came from one an IDE can open
     * @param line    1-based line, 0 when unknown
     * @param key     the dotted key path such as {@code hosts.db-3.backup.maxAge}, empty when none
     * @param problem what is wrong and what to do
     */
    public EnvironmentException(String source, Optional<Path> file, int line, String key, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** A problem with no line or key, such as an unknown environment name; the message is used as is. */
    public EnvironmentException(String source, String message) {
        super(message);
        this.source = source;
        this.file = Optional.empty();
        this.line = 0;
        this.key = "";
    }

    /** A problem with the selection of an environment rather than with one environment. */
    public EnvironmentException(String message) {
        this("", message);
    }

    /** The file path, or a description of the classpath resource, the problem is in. */
    public String source() {
        return source;
    }

    /** The file the problem is in, when it is one an IDE can open (not for a resource inside a jar). */
    public Optional<Path> file() {
        return file;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The dotted key path of the problem, such as {@code hosts.db-1.ssh.port}; empty when none. */
    public String key() {
        return key;
    }
}

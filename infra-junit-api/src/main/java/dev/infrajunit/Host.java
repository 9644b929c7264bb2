package dev.infrajunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A host of the active environment, as one run sees it. Commands run over the host's transport
 * (SSH, or local); the connection is opened on first use and shared by all checks of the run.
 */
@API(status = STABLE)
public interface Host {

    /** The host's name in the environment file, e.g. {@code db-2}. */
    String name();

    /** The address the transport connects to (an IP, a DNS name, or {@code localhost}). */
    String address();

    /** The roles the host has, in the order the environment file lists them. */
    Set<String> roles();

    default boolean hasRole(String role) {
        return roles().contains(role);
    }

    /**
     * Every key of the host's definition after role and default inheritance and interpolation,
     * for example {@code backup}, {@code aws} or the free-form {@code properties}. Values taken from
     * {@code ${env:NAME}} are included, so secrets do not belong in these keys: a key passphrase is
     * referred to by the name of its variable ({@code ssh.passphraseEnv}) and read only when used.
     */
    Map<String, Object> properties();

    /** One value by a dotted path such as {@code aws.instanceId} or {@code properties.rack}. */
    default Optional<Object> property(String dottedPath) {
        Object current = properties();
        for (String segment : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return Optional.empty();
            }
            current = map.get(segment);
        }
        return Optional.ofNullable(current);
    }

    /** Runs a command built from a fixed template whose arguments are shell-quoted. */
    CommandResult run(Command command);

    /**
     * Escape hatch: runs a command line as written, without arguments. Braces around digits
     * ({@code {0}}) are still placeholders, as in {@link Command#of}: pass text such as a regular
     * expression's {@code {3}} as an argument of a {@link Command}. Prefer {@link #run(Command)},
     * which quotes arguments; never build this string from untrusted input.
     */
    default CommandResult run(String commandLine) {
        return run(Command.of(commandLine));
    }

    /**
     * A fact about this host, fetched at most once per run however many checks ask for it
     * (the package list, the listening sockets, the OS release).
     *
     * <p>Keys share one namespace per host, and a key holds one value of one type. The facts
     * infra-junit keeps itself are named {@code infra-junit.*} ({@code infra-junit.packages},
     * {@code infra-junit.ec2-instance}); name your own without that prefix, for example after your
     * team or tool ({@code acme.deployed-version}), and a built-in fact never answers for yours.
     */
    <T> T fact(String key, Supplier<T> fetch);

    /** The environment this host belongs to. */
    Environment environment();
}

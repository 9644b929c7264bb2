package dev.infrajunit.environment;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An accepted failure: a check (its spec class, simple or fully qualified, and method), optionally
 * only on the hosts a selector matches, with a reason and the last day it holds.
 *
 * <pre>{@code
 * waivers:
 *   - check: DatabaseBackupsSpec.everyDatabaseIsBackedUp
 *     hosts: db-3
 *     reason: moving to the new backup server, OPS-123
 *     expires: 2026-12-31
 * }</pre>
 *
 * @param check    as written: {@code DatabaseBackupsSpec.everyDatabaseIsBackedUp}
 * @param hosts    the hosts it covers; every host when empty
 * @param reason   why the failure is accepted
 * @param expires  the last day it holds; from the day after, the failure counts again
 * @param location where it is written, {@code staging.yaml:14}
 * @param file     the file it is written in, when it is one
 * @param line     its line in that file
 */
public record Waiver(String check, Optional<HostSelector> hosts, String reason, LocalDate expires, String location,
                     Optional<Path> file, int line) {

    /** The spec class as written: everything before the last dot. */
    public String specClass() {
        return check.substring(0, check.lastIndexOf('.'));
    }

    public String methodName() {
        return check.substring(check.lastIndexOf('.') + 1);
    }

    /** Whether it names this check: its class by simple or full name, and its method by name. */
    public boolean names(Class<?> spec, Method method) {
        return method.getName().equals(methodName())
                && (spec.getName().equals(specClass()) || spec.getSimpleName().equals(specClass()));
    }

    public boolean expired(LocalDate today) {
        return today.isAfter(expires);
    }

    /** How messages name it: {@code the waiver of DatabaseBackupsSpec.everyDatabaseIsBackedUp for db-3}. */
    public String describe() {
        return "the waiver of " + check + hosts.map(selector -> " for " + selector).orElse("");
    }
}

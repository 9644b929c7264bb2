package dev.infrajunit.monitor.run;

import java.util.Comparator;
import java.util.Objects;

/**
 * One monitored thing: a check of a spec, on one host ({@code ""} for a check without a host).
 *
 * @param spec  the spec's fully qualified class name
 * @param check the check's method name
 * @param host  the host's name, or {@code ""}
 */
public record CheckKey(String spec, String check, String host) implements Comparable<CheckKey> {

    private static final Comparator<CheckKey> ORDER = Comparator.comparing(CheckKey::spec)
            .thenComparing(CheckKey::check).thenComparing(CheckKey::host);

    public CheckKey {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(host, "host");
    }

    public boolean hasHost() {
        return !host.isEmpty();
    }

    /** {@code DatabaseBackupsSpec.everyDatabaseHasARecentBackup[db-2]}, for messages. */
    public String describe() {
        String simple = spec.substring(spec.lastIndexOf('.') + 1);
        return simple + "." + check + (hasHost() ? "[" + host + "]" : "");
    }

    @Override
    public int compareTo(CheckKey other) {
        return ORDER.compare(this, other);
    }
}

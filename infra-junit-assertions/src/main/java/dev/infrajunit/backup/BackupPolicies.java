package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.STABLE;

import dev.infrajunit.Durations;
import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Reads the backup policies of a host from its {@code backup} key: one policy (a map) or a list of
 * them. Roles' policies are already merged into the host by the environment loader.
 *
 * <pre>{@code
 * backup:
 *   - files: /var/backups/pg/${host}-*.dump
 *     maxAge: 24h
 *     minSize: 1MB
 *     verify: pg_restore --list {0}
 *   - s3: s3://acme-backups/${host}/{yyyy}/{MM}/{dd}/
 *     maxAge: 26h
 * }</pre>
 */
@API(status = STABLE)
public final class BackupPolicies {

    private static final Set<String> COMMON_KEYS = Set.of("maxAge", "minSize");

    private BackupPolicies() {
    }

    /**
     * The host's policies in declaration order; empty when it declares none.
     *
     * @throws InfraException naming the host, the policy and the key when a policy is malformed
     */
    public static List<BackupPolicy> of(Host host) {
        Optional<Object> declared = host.property("backup");
        if (declared.isEmpty()) {
            return List.of();
        }
        List<?> entries = declared.get() instanceof List<?> list ? list : List.of(declared.get());
        List<BackupPolicy> policies = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String which = entries.size() == 1 ? "backup" : "backup[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw invalid(host, which + " must be a policy such as {files: /var/backups/*.dump, maxAge: 24h},"
                        + " or a list of them, but is " + describeValue(entries.get(i)));
            }
            policies.add(parse(host, which, entry));
        }
        return List.copyOf(policies);
    }

    private static BackupPolicy parse(Host host, String which, Map<?, ?> entry) {
        List<String> keys = entry.keySet().stream().map(String::valueOf).toList();
        List<String> known = BackupStores.keys();
        List<String> kinds = known.stream().filter(keys::contains).toList();
        if (kinds.size() != 1) {
            throw invalid(host, which + " must have exactly one of the keys " + String.join(", ", known) + ", but has "
                    + (kinds.isEmpty() ? "none" : kinds.size() + ": " + kinds));
        }
        String key = kinds.get(0);
        BackupStore store = BackupStores.of(key).orElseThrow(() -> invalid(host, which + " (" + key + "): " + BackupStores.missing(key)));
        BackupKind kind = store.kind();
        Set<String> allowed = new TreeSet<>(COMMON_KEYS);
        allowed.addAll(store.keys().asMap().keySet());
        for (String written : keys) {
            if (!allowed.contains(written)) {
                throw invalid(host, which + " (" + key + "): unknown key '" + written + "'; a " + key
                        + " policy knows " + String.join(", ", allowed));
            }
        }
        String target = target(host, which, store, entry.get(key));
        String where = which + " (" + kind.key() + " " + target + ")";
        Optional<Duration> maxAge = Optional.ofNullable(entry.get("maxAge")).map(value -> {
            try {
                return Durations.parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw invalid(host, where + ": maxAge " + e.getMessage());
            }
        });
        OptionalLong minSize = minSize(host, where, store, entry.get("minSize"));
        Optional<String> verify = Optional.ofNullable(entry.get("verify")).map(String::valueOf);
        if (verify.isPresent() && !verify.get().contains("{0}")) {
            throw invalid(host, where + ": verify must name the file as {0}, e.g. verify: gzip -t {0}");
        }
        if (verify.isPresent() && verify.get().matches("(?s).*\\{[1-9]\\d*}.*")) {
            throw invalid(host, where + ": verify may refer only to {0}, the newest file");
        }
        Object privileged = entry.get("privileged");
        if (privileged != null && !List.of("true", "false").contains(String.valueOf(privileged))) {
            throw invalid(host, where + ": privileged must be true or false, but is '" + privileged + "'");
        }
        return new BackupPolicy(kind, target, maxAge, minSize, verify, "true".equals(String.valueOf(privileged)), timeZone(host, where, entry.get("timeZone")));
    }

    private static String target(Host host, String which, BackupStore store, Object value) {
        BackupKind kind = store.kind();
        if (value == null || String.valueOf(value).isBlank()) {
            throw invalid(host, which + ": " + kind.key() + " needs a value, e.g. " + kind.key() + ": " + kind.example());
        }
        try {
            return store.target(value instanceof String text ? text.trim() : value);
        } catch (IllegalArgumentException e) {
            throw invalid(host, which + ": " + e.getMessage());
        }
    }

    private static OptionalLong minSize(Host host, String where, BackupStore store, Object value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!store.reportsSize()) {
            List<String> sized = BackupStores.installed().stream().filter(BackupStore::reportsSize)
                    .map(sizedStore -> sizedStore.kind().key()).toList();
            String kinds = sized.size() == 1 ? sized.get(0)
                    : String.join(", ", sized.subList(0, sized.size() - 1)) + " and " + sized.get(sized.size() - 1);
            throw invalid(host, where + ": minSize applies to " + kinds + " policies; "
                    + store.kind().key() + " snapshots report no backup size");
        }
        if (value instanceof Number number) {
            return OptionalLong.of(number.longValue());
        }
        try {
            return OptionalLong.of(Sizes.parse(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
            throw invalid(host, where + ": minSize " + e.getMessage());
        }
    }

    private static ZoneId timeZone(Host host, String where, Object value) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(String.valueOf(value));
        } catch (DateTimeException e) {
            throw invalid(host, where + ": timeZone '" + value + "' is not a time zone; write it like UTC or Europe/Berlin");
        }
    }

    private static String describeValue(Object value) {
        return value == null ? "empty" : "the " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " '" + value + "'";
    }

    private static InfraException invalid(Host host, String problem) {
        return new InfraException(host.name() + ": " + problem);
    }
}

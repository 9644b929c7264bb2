package dev.infrajunit.backup;

import dev.infrajunit.Host;
import dev.infrajunit.InfraException;
import dev.infrajunit.environment.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

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
public final class BackupPolicies {

    private static final Set<String> COMMON_KEYS = Set.of("maxAge", "minSize");
    private static final Map<BackupKind, Set<String>> KIND_KEYS = Map.of(
            BackupKind.FILES, Set.of("verify", "privileged"),
            BackupKind.S3, Set.of("timeZone"),
            BackupKind.EBS, Set.of(),
            BackupKind.RDS, Set.of(),
            BackupKind.AWS_BACKUP, Set.of(),
            BackupKind.JOB, Set.of());
    private static final Set<BackupKind> SIZED = Set.of(BackupKind.FILES, BackupKind.S3, BackupKind.AWS_BACKUP);

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
        List<BackupKind> kinds = entry.keySet().stream()
                .map(String::valueOf).map(BackupKind::byKey).flatMap(Optional::stream).sorted().toList();
        if (kinds.size() != 1) {
            throw invalid(host, which + " must have exactly one of the keys files, s3, ebs, rds, awsBackup, job, but has "
                    + (kinds.isEmpty() ? "none" : kinds.size() + ": " + kinds));
        }
        BackupKind kind = kinds.get(0);
        Set<String> allowed = new TreeSet<>(COMMON_KEYS);
        allowed.addAll(KIND_KEYS.get(kind));
        allowed.add(kind.key());
        for (Object key : entry.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw invalid(host, which + " (" + kind.key() + "): unknown key '" + key + "'; a " + kind.key()
                        + " policy knows " + String.join(", ", allowed));
            }
        }
        String target = target(host, which, kind, entry.get(kind.key()));
        String where = which + " (" + kind.key() + " " + target + ")";
        Optional<Duration> maxAge = Optional.ofNullable(entry.get("maxAge")).map(value -> {
            try {
                return Durations.parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw invalid(host, where + ": maxAge " + e.getMessage());
            }
        });
        OptionalLong minSize = minSize(host, where, kind, entry.get("minSize"));
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

    private static String target(Host host, String which, BackupKind kind, Object value) {
        if (kind == BackupKind.JOB) {
            return jobTimer(host, which, value);
        }
        String text = value == null ? "" : String.valueOf(value).trim();
        if (text.isEmpty() || kind == BackupKind.EBS && text.equals("false")) {
            throw invalid(host, which + ": " + kind.key() + " needs a value, e.g. " + kind.key() + ": " + kind.example());
        }
        if (kind == BackupKind.S3 && !text.startsWith("s3://")) {
            throw invalid(host, which + ": s3 must be a URL like s3://bucket/prefix/, but is '" + text + "'");
        }
        if (kind == BackupKind.AWS_BACKUP && !text.startsWith("arn:")) {
            throw invalid(host, which + ": awsBackup must be the ARN of the protected resource, e.g. "
                    + BackupKind.AWS_BACKUP.example() + ", but is '" + text + "'");
        }
        return text;
    }

    /** {@code job: { timer: pg-backup.timer }}: the only kind of job whose runs a check can read is a systemd timer. */
    private static String jobTimer(Host host, String which, Object value) {
        Object timer = value instanceof Map<?, ?> job && job.size() == 1 ? job.get("timer") : null;
        if (timer == null || String.valueOf(timer).isBlank()) {
            throw invalid(host, which + ": job must name the systemd timer that makes the backups, e.g. job: "
                    + BackupKind.JOB.example() + ", but is " + describeValue(value));
        }
        String name = String.valueOf(timer).trim();
        return name.endsWith(".timer") ? name : name + ".timer";
    }

    private static OptionalLong minSize(Host host, String where, BackupKind kind, Object value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!SIZED.contains(kind)) {
            throw invalid(host, where + ": minSize applies to files, s3 and awsBackup policies; "
                    + kind.key() + " snapshots report no backup size");
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
        return value == null ? "empty" : "the " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " '" + value + "'";
    }

    private static InfraException invalid(Host host, String problem) {
        return new InfraException(host.name() + ": " + problem);
    }
}

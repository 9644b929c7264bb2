package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.STABLE;

import dev.infrajunit.Host;
import dev.infrajunit.Infra;
import dev.infrajunit.InfraException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Checks that a host's backups are recent: every backup policy it declares must hold. This is
 * what {@code assertThat(host).hasRecentBackup(...)} runs; use it directly to pass a clock.
 *
 * <pre>{@code
 * Optional<String> failure = BackupCheck.of(host).only(BackupKind.S3).maxAge(Duration.ofHours(26)).failure();
 * }</pre>
 */
@API(status = STABLE)
public final class BackupCheck {

    /**
     * The report entry key under which a check publishes, for each policy it looked at, how old the
     * newest backup is and how old it may be, in seconds: {@code <age> <maxAge> <host> <policy>}, e.g.
     * {@code 183600.000 86400.000 db-2 files /var/backups/pg/*.dump}.
     */
    public static final String AGE_REPORT_KEY = "infra-junit.backup.age-seconds";

    private final Host host;
    private final Optional<BackupKind> kind;
    private final Optional<Duration> maxAge;
    private final Clock clock;

    private BackupCheck(Host host, Optional<BackupKind> kind, Optional<Duration> maxAge, Clock clock) {
        this.host = host;
        this.kind = kind;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Checks every policy of the host, each with its own maxAge, against the system clock. */
    public static BackupCheck of(Host host) {
        return new BackupCheck(Objects.requireNonNull(host, "host"), Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    /** Checks only the host's policies of this kind. */
    public BackupCheck only(BackupKind kind) {
        return new BackupCheck(host, Optional.of(kind), maxAge, clock);
    }

    /** Holds every policy to this maxAge instead of its own. */
    public BackupCheck maxAge(Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, but is " + maxAge);
        }
        return new BackupCheck(host, kind, Optional.of(maxAge), clock);
    }

    /**
     * Measures ages against this clock instead of the system's. Ages of {@code files} backups are
     * measured on the host's own clock, so that a host whose clock is off from this machine's
     * still dates its files right; this clock serves them only on a host whose {@code date}
     * cannot tell its time.
     */
    public BackupCheck clock(Clock clock) {
        return new BackupCheck(host, kind, maxAge, clock);
    }

    /**
     * Why the host's backups are not recent, as a failure message that begins with the host's
     * name; empty when every policy holds.
     *
     * @throws InfraException when a policy is malformed or has no maxAge and none was given
     * @throws dev.infrajunit.CouldNotCheckException when the backups could not be looked at
     */
    public Optional<String> failure() {
        List<BackupPolicy> declared = BackupPolicies.of(host);
        List<BackupPolicy> policies = declared.stream().filter(policy -> kind.isEmpty() || policy.kind().equals(kind.get())).toList();
        if (policies.isEmpty()) {
            return Optional.of(noPolicy(declared));
        }
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        for (BackupPolicy policy : policies) {
            BackupExpectation expectation = new BackupExpectation(maxAgeOf(policy), policy.minSize(), now);
            problems.addAll(store(policy.kind()).problems(host, policy, expectation));
            expectation.newest().oldest().ifPresent(age -> Infra.report(AGE_REPORT_KEY, String.format(Locale.ROOT,
                    "%.3f %.3f %s %s", age.toMillis() / 1000.0, expectation.maxAge().toMillis() / 1000.0, host.name(), policy.describe())));
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        if (problems.size() == 1) {
            return Optional.of(host.name() + ": " + problems.get(0));
        }
        return Optional.of(host.name() + ": " + problems.size() + " backup problems:"
                + problems.stream().map(problem -> "\n- " + problem).collect(Collectors.joining()));
    }

    /** Throws the {@link #failure()}, if any, as an {@link AssertionError}. */
    public void verify() {
        failure().ifPresent(message -> {
            throw new AssertionError(message);
        });
    }

    private Duration maxAgeOf(BackupPolicy policy) {
        return maxAge.or(policy::maxAge).orElseThrow(() -> new InfraException(host.name() + ": backup policy "
                + policy.describe() + " has no maxAge; add one to it (maxAge: 24h), or pass one: hasRecentBackup(Duration.ofHours(24))"));
    }

    private static BackupStore store(BackupKind kind) {
        // a policy is parsed only when its kind's store is on the class path
        return BackupStores.of(kind.key()).orElseThrow();
    }

    private String noPolicy(List<BackupPolicy> declared) {
        BackupKind example = kind.orElse(BackupKind.FILES);
        String what = kind.map(k -> k.key() + " ").orElse("");
        String has = declared.isEmpty() ? "" : " (it has: "
                + declared.stream().map(BackupPolicy::describe).collect(Collectors.joining(", ")) + ")";
        String where = host.roles().isEmpty() ? "under the host" : "under the host or one of its roles (" + String.join(", ", host.roles()) + ")";
        return host.name() + ": expected a recent " + what + "backup, but " + host.name() + " has no " + what + "backup policy" + has
                + "; declare one in the environment file, " + where + ", e.g.:\n"
                + "  hosts:\n"
                + "    " + host.name() + ":\n"
                + "      backup:\n"
                + "        " + (declared.isEmpty() ? "" : "- ") + example.key() + ": " + example.example() + "\n"
                + "        " + (declared.isEmpty() ? "" : "  ") + "maxAge: 24h";
    }
}

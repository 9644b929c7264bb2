package dev.infrajunit.engine.config;

import dev.infrajunit.Durations;
import dev.infrajunit.transport.ssh.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every configuration key of infra-junit, read from JUnit configuration parameters (system
 * properties, {@code junit-platform.properties}, launcher parameters).
 */
public final class InfraConfiguration {

    /** Which environment to check: a name found on the classpath as {@code infra/NAME.yaml}, or a path to a YAML file. */
    public static final String ENVIRONMENT = "infra.environment";

    /** How many checks may run at once across all hosts (default {@value #DEFAULT_PARALLELISM}). */
    public static final String PARALLELISM = "infra.parallelism";

    /** How long one check may run before it is ended and reported as timed out (default 60s). */
    public static final String CHECK_TIMEOUT = "infra.check.timeout";

    /** Whether checks run in parallel at all (default true); false runs them one by one, in order. */
    public static final String PARALLEL_ENABLED = "infra.parallel.enabled";

    /** Whether the HTML report is written after a run (default true). */
    public static final String REPORT_ENABLED = "infra.report.enabled";

    /**
     * The directory the HTML report ({@code index.html}) is written to; by default
     * {@code target/infra-junit-report} of the Maven module under test (Surefire's {@code basedir}),
     * else of the working directory.
     */
    public static final String REPORT_DIR = "infra.report.dir";

    /**
     * Whether each command a check runs is published as a report entry of its node (default true):
     * IDEs, Open Test Reporting XML and the HTML report show them; the ConsoleLauncher's tree lists them.
     */
    public static final String COMMAND_REPORT_ENTRIES = "infra.commands.reportEntries";

    /**
     * How long the first command a host is asked for waits at most for others to travel with it,
     * as one script in one SSH session (default 20ms; the batch leaves sooner, once all of the
     * host's unfinished checks wait for it); {@code 0} sends each command in a session of its own.
     */
    public static final String COMMAND_BATCH_WINDOW = "infra.commands.batchWindow";

    /** Whether a run longer than 10 s prints a one-line progress summary every 5 s (default true). */
    public static final String PROGRESS_ENABLED = "infra.progress.enabled";

    /**
     * Shard {@code K/N} (K from 0): keep only the hosts of shard K of N, chosen by rendezvous hashing
     * of their names; checks without a host run in shard 0 only. Unset, every host is checked.
     */
    public static final String SHARD = "infra.shard";

    public static final int DEFAULT_PARALLELISM = 32;
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final Function<String, Optional<String>> parameters;

    public InfraConfiguration(Function<String, Optional<String>> parameters) {
        this.parameters = parameters;
    }

    public Optional<String> environment() {
        return value(ENVIRONMENT);
    }

    public int parallelism() {
        return value(PARALLELISM).map(text -> {
            try {
                int parallelism = Integer.parseInt(text);
                if (parallelism < 1) {
                    throw new NumberFormatException();
                }
                return parallelism;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PARALLELISM + "=" + text + " is not a positive whole number");
            }
        }).orElse(DEFAULT_PARALLELISM);
    }

    public boolean parallelEnabled() {
        return flag(PARALLEL_ENABLED);
    }

    public boolean reportEnabled() {
        return flag(REPORT_ENABLED);
    }

    public Path reportDirectory() {
        return value(REPORT_DIR).map(Path::of).orElseGet(() -> Path.of(Optional.ofNullable(System.getProperty("basedir"))
                .orElse(System.getProperty("user.dir")), "target", "infra-junit-report"));
    }

    public boolean commandReportEntries() {
        return flag(COMMAND_REPORT_ENTRIES);
    }

    public boolean progressEnabled() {
        return flag(PROGRESS_ENABLED);
    }

    /** A switch that is on unless set to false. */
    private boolean flag(String key) {
        return value(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            // a typo such as "flase" must not quietly turn a switch off
            default -> throw new IllegalArgumentException(key + "=" + text + " is neither true nor false");
        }).orElse(true);
    }

    public Duration checkTimeout() {
        return value(CHECK_TIMEOUT).map(text -> {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CHECK_TIMEOUT + ": " + e.getMessage());
            }
        }).orElse(DEFAULT_CHECK_TIMEOUT);
    }

    public Duration commandBatchWindow() {
        return value(COMMAND_BATCH_WINDOW).map(text -> {
            try {
                return text.equals("0") ? Duration.ZERO : Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(COMMAND_BATCH_WINDOW + ": " + e.getMessage());
            }
        }).orElse(SshOptions.DEFAULT_BATCH_WINDOW);
    }

    public Optional<Shard> shard() {
        return value(SHARD).map(text -> {
            try {
                return Shard.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SHARD + "=" + text + ": " + e.getMessage());
            }
        });
    }

    private Optional<String> value(String key) {
        return parameters.apply(key).map(String::trim).filter(text -> !text.isEmpty());
    }
}

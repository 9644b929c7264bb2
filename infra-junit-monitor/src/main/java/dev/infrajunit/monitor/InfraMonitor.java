package dev.infrajunit.monitor;

import dev.infrajunit.Durations;
import dev.infrajunit.engine.config.InfraConfiguration;
import dev.infrajunit.engine.config.Shard;
import dev.infrajunit.monitor.alert.Alertmanager;
import dev.infrajunit.monitor.http.Health;
import dev.infrajunit.monitor.http.MonitorMetrics;
import dev.infrajunit.monitor.http.MonitorServer;
import dev.infrajunit.monitor.nagios.NagiosReport;
import dev.infrajunit.monitor.run.CycleResults;
import dev.infrajunit.monitor.run.CycleRunner;
import dev.infrajunit.monitor.run.Result;
import dev.infrajunit.monitor.run.Selection;
import dev.infrajunit.monitor.state.Cycles;
import dev.infrajunit.monitor.state.MonitorState;
import dev.infrajunit.monitor.state.StateFile;
import dev.infrajunit.monitor.state.StateMachine;
import dev.infrajunit.monitor.state.Thresholds;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Keeps specs running as monitors: {@code java -jar infra-junit-monitor-VERSION-standalone.jar
 * --select-package com.acme.specs --config infra.environment=production}. Options that mean what the
 * JUnit ConsoleLauncher's mean have their names.
 */
@Command(name = "infra-junit-monitor", sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs infra-junit specs every --interval and keeps each check's state: "
                + "Prometheus metrics, a status page, Alertmanager alerts, or one Nagios check with --once --format nagios.")
public final class InfraMonitor implements Callable<Integer> {

    /** Exit status for options that make no sense; nothing has run. */
    public static final int BAD_OPTIONS = 2;

    /** The configuration key of the engine that keeps one shard's hosts. */
    static final String SHARD_KEY = InfraConfiguration.SHARD;

    @Option(names = {"-cp", "--classpath", "--class-path"}, paramLabel = "PATH", split = "[:;]",
            description = "Class path entries holding the specs and what they need (repeatable).")
    List<Path> classPath = new ArrayList<>();

    @Option(names = "--select-package", paramLabel = "PACKAGE", description = "Run the specs in this package and below (repeatable).")
    List<String> packages = new ArrayList<>();

    @Option(names = "--select-class", paramLabel = "CLASS", description = "Run this spec class (repeatable).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--include-classname", paramLabel = "REGEX", description = "Only classes whose fully qualified name matches (repeatable).")
    List<String> includeClassnames = new ArrayList<>();

    @Option(names = "--include-tag", paramLabel = "TAG", description = "Only checks with this tag or tag expression (repeatable).")
    List<String> includeTags = new ArrayList<>();

    @Option(names = "--exclude-tag", paramLabel = "TAG", description = "No checks with this tag or tag expression (repeatable).")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A configuration parameter, e.g. infra.environment=staging (repeatable).")
    Map<String, String> configuration = new LinkedHashMap<>();

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5m", description = "Time from one cycle's start to the next (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9464", description = "Where /metrics, /healthz, /api/status and the page are served (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--state-file", paramLabel = "FILE", defaultValue = "infra-junit-monitor.state.json", description = "Where the state is kept over restarts (default: ${DEFAULT-VALUE}).")
    Path stateFile;

    @Option(names = "--fail-after", paramLabel = "N", defaultValue = "3", description = "Non-pass results in a row that make a check failing (default: ${DEFAULT-VALUE}).")
    int failAfter;

    @Option(names = "--recover-after", paramLabel = "N", defaultValue = "2", description = "Passes in a row that make a failing check ok (default: ${DEFAULT-VALUE}).")
    int recoverAfter;

    @Option(names = "--flap-high", paramLabel = "PERCENT", defaultValue = "50", description = "Weighted state change over 21 results at which a check flaps (default: ${DEFAULT-VALUE}).")
    double flapHigh;

    @Option(names = "--flap-low", paramLabel = "PERCENT", defaultValue = "25", description = "Weighted state change below which it stops flapping (default: ${DEFAULT-VALUE}).")
    double flapLow;

    @Option(names = "--alertmanager", paramLabel = "URL", description = "Post alerts to URL/api/v2/alerts (repeatable).")
    List<URI> alertmanagers = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "K/N", description = "Check only the hosts of shard K of N (K from 0); checks without a host run in shard 0.")
    String shard;

    @Option(names = "--once", description = "Run one cycle, print its results and exit: 0 when every check passed, 1 otherwise.")
    boolean once;

    @Option(names = "--format", paramLabel = "FORMAT", description = "With --once: nagios prints one plugin status line and exits 0/1/2/3.")
    String format;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    InfraMonitor(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String... args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        InfraMonitor monitor = new InfraMonitor(out, err);
        CommandLine commandLine = new CommandLine(monitor);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, ignored) -> monitor.refuse(commandLine, e.getMessage()));
        return commandLine.execute(args);
    }

    /**
     * The settings a command line would run with, checked as {@link #run} checks them, without running anything.
     *
     * @throws IllegalArgumentException or picocli's {@code ParameterException} saying what is wrong
     */
    static Settings parse(String... args) {
        InfraMonitor monitor = new InfraMonitor(System.out, System.err);
        new CommandLine(monitor).parseArgs(args);
        return monitor.settings();
    }

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            return refuse(new CommandLine(this), e.getMessage());
        }
        Clock clock = Clock.systemUTC();
        CycleRunner runner = new CycleRunner(settings.selection(), clock);
        Cycles cycles = new Cycles(new StateMachine(settings.thresholds()));
        StateFile file = new StateFile(stateFile, err::println);
        MonitorState initial = file.load(clock.instant());
        MonitorMetrics metrics = new MonitorMetrics();
        Monitor monitor = new Monitor(runner, cycles, file, initial, metrics,
                alertmanagers.stream().map(Alertmanager::new).toList(),
                settings.selection().configuration().getOrDefault("infra.environment", ""), settings.interval(), clock, err);
        if (once) {
            return once(monitor);
        }
        Health health = new Health(settings.interval(), checkTimeout(settings.selection()), clock.instant(), clock);
        Duration refresh = settings.interval().compareTo(Duration.ofSeconds(30)) < 0 ? settings.interval() : Duration.ofSeconds(30);
        try (MonitorServer server = MonitorServer.start(settings.listen(), metrics, monitor::state, health, refresh)) {
            err.println("infra-junit monitor: every " + Durations.format(settings.interval()) + ", page at http://"
                    + hostForUrl(server.address()) + "/, state in " + file.path());
            // The state of the last completed cycle is saved already: stopping only ends the wait or
            // cancels the running cycle, and gives it a moment to let go of its checks.
            Thread shutdown = new Thread(() -> {
                try {
                    monitor.stop(Duration.ofSeconds(3));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "infra-monitor-stop");
            Runtime.getRuntime().addShutdownHook(shutdown);
            monitor.run();
        }
        return 0;
    }

    private int once(Monitor monitor) {
        CycleResults results = monitor.cycle();
        if ("nagios".equals(format)) {
            NagiosReport report = NagiosReport.of(results);
            out.print(report.output());
            out.flush();
            return report.status();
        }
        results.results().stream().sorted(Comparator.comparing(result -> result.key()))
                .forEach(result -> out.println(result.result().label() + " " + result.key().describe()
                        + (result.message().isEmpty() ? "" : ": " + result.message().lines().findFirst().orElse(""))));
        results.discoveryErrors().forEach(error -> out.println("not found: " + error));
        boolean allPassed = results.discoveryErrors().isEmpty() && !results.results().isEmpty()
                && results.results().stream().allMatch(result -> result.result() == Result.PASS || result.result() == Result.SKIPPED || result.result() == Result.WAIVED);
        return allPassed ? 0 : 1;
    }

    record Settings(Selection selection, Thresholds thresholds, Duration interval, InetSocketAddress listen) {
    }

    /** Every option checked before anything runs. */
    Settings settings() {
        if (packages.isEmpty() && classes.isEmpty()) {
            throw new IllegalArgumentException("No specs selected: give --select-package or --select-class");
        }
        Duration every;
        try {
            every = Durations.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--interval " + interval + ": " + e.getMessage());
        }
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("--interval " + interval + " must be longer than 0s");
        }
        if (format != null && !format.equals("nagios")) {
            throw new IllegalArgumentException("--format " + format + " is not known; the one format is nagios");
        }
        if (format != null && !once) {
            throw new IllegalArgumentException("--format nagios reports one cycle: give --once with it");
        }
        Map<String, String> config = new LinkedHashMap<>(configuration);
        if (shard != null) {
            parseShard(shard);
            config.put(SHARD_KEY, shard.strip());
        } else if (config.containsKey(SHARD_KEY)) {
            parseShard(config.get(SHARD_KEY));
        }
        for (Path entry : classPath) {
            if (!entry.toFile().exists()) {
                throw new IllegalArgumentException("--class-path entry " + entry + " does not exist");
            }
        }
        Thresholds thresholds = new Thresholds(failAfter, recoverAfter, flapHigh, flapLow);
        Selection selection = new Selection(classPath, packages, classes, includeClassnames, includeTags, excludeTags, config);
        return new Settings(selection, thresholds, every, address(listen));
    }

    private static void parseShard(String text) {
        try {
            Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--shard " + e.getMessage());
        }
    }

    private static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen " + listen + " is not host:port, e.g. 127.0.0.1:9464");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen " + listen + ": the port must be a number from 0 to 65535");
        }
    }

    private static Duration checkTimeout(Selection selection) {
        String configured = selection.configuration().getOrDefault("infra.check.timeout", System.getProperty("infra.check.timeout"));
        try {
            return configured == null ? Duration.ofSeconds(60) : Durations.parse(configured);
        } catch (IllegalArgumentException e) {
            return Duration.ofSeconds(60);
        }
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private int refuse(CommandLine commandLine, String reason) {
        err.println("infra-junit-monitor: " + reason.lines().findFirst().orElse(reason));
        commandLine.usage(err);
        return BAD_OPTIONS;
    }

}

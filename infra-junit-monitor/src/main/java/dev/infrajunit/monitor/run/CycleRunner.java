package dev.infrajunit.monitor.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.infrajunit.engine.config.InfraConfiguration;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one cycle: an ordinary JUnit Platform discovery and execution of the selected specs, fresh
 * each time, so the environment file is read again, host sources run again and hosts or checks that
 * appeared or disappeared do so in the results.
 */
public final class CycleRunner {

    private final Selection selection;
    private final ClassLoader classLoader;
    private final Clock clock;

    public CycleRunner(Selection selection, Clock clock) {
        this.selection = selection;
        this.clock = clock;
        this.classLoader = classLoader(selection.classPath());
    }

    /**
     * Runs every selected check once.
     *
     * @param cancellation cancelled to end the cycle early (the monitor is stopping); no further
     *                     checks start, and the cycle's results are then to be discarded
     */
    public CycleResults run(CancellationToken cancellation) {
        Instant started = clock.instant();
        ResultListener listener = new ResultListener();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            Launcher launcher = LauncherFactory.create();
            LauncherDiscoveryRequest request = request(listener);
            launcher.execute(LauncherExecutionRequestBuilder.request(request)
                    .listeners(listener).cancellationToken(cancellation).build());
        } catch (RuntimeException e) {
            // an engine that crashes while discovering must not end the monitor: this cycle saw nothing
            List<String> errors = new ArrayList<>(listener.discoveryErrors());
            errors.add("The specs could not be discovered or run: " + describe(e));
            return new CycleResults(started, clock.instant(), listener.results(), errors, false);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new CycleResults(started, clock.instant(), listener.results(), listener.discoveryErrors(), listener.complete());
    }

    private LauncherDiscoveryRequest request(ResultListener listener) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        selection.packages().forEach(name -> selectors.add(selectPackage(name)));
        selection.classes().forEach(name -> selectors.add(selectClass(classLoader, name)));
        List<Filter<?>> filters = new ArrayList<>();
        if (!selection.includeClassnames().isEmpty()) {
            filters.add(ClassNameFilter.includeClassNamePatterns(selection.includeClassnames().toArray(String[]::new)));
        }
        if (!selection.includeTags().isEmpty()) {
            filters.add(TagFilter.includeTags(selection.includeTags()));
        }
        if (!selection.excludeTags().isEmpty()) {
            filters.add(TagFilter.excludeTags(selection.excludeTags()));
        }
        // the monitor shows its cycles itself: no HTML report file and no progress lines, unless asked for
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(InfraConfiguration.REPORT_ENABLED, "false");
        configuration.put(InfraConfiguration.PROGRESS_ENABLED, "false");
        configuration.putAll(selection.configuration());
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(filters.toArray(Filter[]::new))
                .configurationParameters(configuration)
                .listeners(listener)
                .build();
    }

    private static String describe(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return thrown.getMessage() + (root == thrown ? "" : " (" + root + ")");
    }

    private static ClassLoader classLoader(List<Path> classPath) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (classPath.isEmpty()) {
            return parent;
        }
        URL[] urls = classPath.stream().map(path -> {
            try {
                return path.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader("infra-junit-specs", urls, parent);
    }
}

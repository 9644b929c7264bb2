package dev.infrajunit.runtime;

import dev.infrajunit.engine.config.InfraConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The environment that {@link dev.infrajunit.Infra} answers with: on a check's thread, the run that
 * check belongs to; elsewhere the engine's run while the infra-junit engine executes; otherwise
 * (from a plain Jupiter test) one loaded on first use from the same configuration and closed when
 * the JVM exits.
 */
public final class ActiveEnvironment {

    private static final ThreadLocal<RunEnvironment> BOUND = new ThreadLocal<>();
    private static volatile RunEnvironment engineRun;
    private static RunEnvironment standalone;
    private static SelectedEnvironment standaloneSource;

    private ActiveEnvironment() {
    }

    /** Called by the engine when its run starts. */
    public static void begin(RunEnvironment run) {
        engineRun = run;
    }

    /** Called by the engine when its run ends. */
    public static void end(RunEnvironment run) {
        if (engineRun == run) {
            engineRun = null;
        }
    }

    /** Called on a check's thread before the check runs. */
    public static void bind(RunEnvironment run) {
        BOUND.set(run);
    }

    /** Called on a check's thread after the check ran. */
    public static void unbind() {
        BOUND.remove();
    }

    public static RunEnvironment get() {
        RunEnvironment bound = BOUND.get();
        if (bound != null) {
            return bound;
        }
        RunEnvironment run = engineRun;
        return run != null ? run : standalone();
    }

    private static synchronized RunEnvironment standalone() {
        if (standalone == null) {
            ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
            InfraConfiguration configuration = new InfraConfiguration(key -> lookup(key, classLoader));
            SelectedEnvironment source = SelectedEnvironment.open(configuration.environment(), classLoader);
            RunEnvironment run = new RunEnvironment(source.definition(), configuration.commandBatchWindow());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (source) {
                    run.close();
                }
            }, "infra-junit-close-environment"));
            standaloneSource = source;
            standalone = run;
        }
        return standalone;
    }

    // The order JUnit itself uses: system properties win over junit-platform.properties.
    private static Optional<String> lookup(String key, ClassLoader classLoader) {
        String property = System.getProperty(key);
        if (property != null) {
            return Optional.of(property);
        }
        try (InputStream in = classLoader.getResourceAsStream("junit-platform.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read junit-platform.properties", e);
        }
    }
}

package dev.infrajunit.runtime;

import dev.infrajunit.InfraException;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.EnvironmentException;
import dev.infrajunit.environment.EnvironmentLoader;
import dev.infrajunit.spi.EnvironmentProvider;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns the {@code infra.environment} setting into an environment definition: a provider that
 * starts the environment first (such as the demo fleet), else a classpath name or a file path.
 * Whatever a provider started is stopped when this source is closed.
 */
public final class SelectedEnvironment implements AutoCloseable {

    private final EnvironmentDefinition definition;
    private final EnvironmentProvider.Started started;

    private SelectedEnvironment(EnvironmentDefinition definition, EnvironmentProvider.Started started) {
        this.definition = definition;
        this.started = started;
    }

    /**
     * Loads the selected environment.
     *
     * @throws EnvironmentException when nothing is selected, the name is unknown, or the file is malformed
     */
    public static SelectedEnvironment open(Optional<String> selection, ClassLoader classLoader) {
        EnvironmentLoader loader = new EnvironmentLoader(classLoader, System::getenv);
        String name = selection.orElseThrow(() -> noSelection(loader));
        for (EnvironmentProvider provider : ServiceLoader.load(EnvironmentProvider.class, classLoader)) {
            if (provider.provides(name)) {
                return startWith(provider, name, loader);
            }
        }
        return new SelectedEnvironment(loader.load(name), null);
    }

    private static SelectedEnvironment startWith(EnvironmentProvider provider, String name, EnvironmentLoader loader) {
        EnvironmentProvider.Started started;
        try {
            started = provider.start(name);
        } catch (Exception e) {
            throw new InfraException("Could not start environment '" + name + "' (" + provider.getClass().getName()
                    + "): " + e.getMessage(), e);
        }
        try {
            return new SelectedEnvironment(loader.loadFile(started.environmentFile(), name), started);
        } catch (RuntimeException e) {
            closeQuietly(started, e);
            throw e;
        }
    }

    private static EnvironmentException noSelection(EnvironmentLoader loader) {
        List<String> names = loader.availableNames();
        return new EnvironmentException("No environment selected. Set infra.environment to a name"
                + (names.isEmpty() ? " found on the classpath as infra/NAME.yaml" : " (on the classpath: " + String.join(", ", names) + ")")
                + " or to the path of a .yaml file, e.g. mvn test -Dinfra.environment=staging, or in junit-platform.properties.");
    }

    public EnvironmentDefinition definition() {
        return definition;
    }

    @Override
    public void close() {
        if (started != null) {
            try {
                started.close();
            } catch (Exception e) {
                throw new InfraException("Could not stop environment '" + definition.name() + "': " + e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(EnvironmentProvider.Started started, RuntimeException primary) {
        try {
            started.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}

package dev.infrajunit.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Supplies an environment that must be started before it can be checked, such as the self-starting
 * demo fleet. Found with {@link java.util.ServiceLoader}; asked before the classpath and the file
 * system when {@code infra.environment} names an environment.
 */
@API(status = EXPERIMENTAL)
public interface EnvironmentProvider {

    /** Whether this provider supplies the environment of that name. */
    boolean provides(String environmentName);

    /**
     * Starts the environment and returns the environment file that describes it. The returned
     * handle is closed when the run that started it ends, also after failures.
     */
    Started start(String environmentName) throws Exception;

    /** A started environment: its file and how to stop it. */
    interface Started extends AutoCloseable {

        Path environmentFile();

        @Override
        void close() throws Exception;
    }
}

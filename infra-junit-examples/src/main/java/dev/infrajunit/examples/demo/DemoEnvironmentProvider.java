package dev.infrajunit.examples.demo;

import dev.infrajunit.spi.EnvironmentProvider;

/**
 * Supplies {@code infra.environment=demo}: a fleet of real SSH servers, an S3 store and a stand-in
 * for the RDS API on loopback, started inside the test JVM for the run and stopped when it ends.
 */
public final class DemoEnvironmentProvider implements EnvironmentProvider {

    public static final String NAME = "demo";

    @Override
    public boolean provides(String environmentName) {
        return NAME.equals(environmentName);
    }

    @Override
    public Started start(String environmentName) throws Exception {
        if (!provides(environmentName)) {
            throw new IllegalArgumentException("This provider starts only the '" + NAME + "' environment, not '"
                    + environmentName + "'");
        }
        return DemoFleet.start();
    }
}

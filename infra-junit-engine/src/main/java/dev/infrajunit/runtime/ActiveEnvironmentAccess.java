package dev.infrajunit.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.Environment;
import dev.infrajunit.environment.HostSelector;
import dev.infrajunit.spi.EnvironmentAccess;
import org.apiguardian.api.API;

/** The engine's answer to {@link dev.infrajunit.Infra}: the {@link ActiveEnvironment}. */
@API(status = INTERNAL)
public final class ActiveEnvironmentAccess implements EnvironmentAccess {

    @Override
    public Environment active() {
        return ActiveEnvironment.get();
    }

    @Override
    public String noMatch(String selector) {
        return HostSelector.parse(selector).noMatchIn(ActiveEnvironment.get().definition());
    }
}

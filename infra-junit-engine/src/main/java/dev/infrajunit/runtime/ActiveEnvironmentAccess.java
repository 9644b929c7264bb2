package dev.infrajunit.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.infrajunit.Environment;
import dev.infrajunit.EnvironmentAccess;
import dev.infrajunit.environment.HostSelector;
import java.util.Map;
import org.apiguardian.api.API;

/** The engine's answer to {@link dev.infrajunit.Infra}: the {@link ActiveEnvironment}, and the {@link ActiveCheck}. */
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

    @Override
    public void report(String key, String value) {
        ActiveCheck.current().ifPresent(check -> check.publish(Map.of(key, value)));
    }
}

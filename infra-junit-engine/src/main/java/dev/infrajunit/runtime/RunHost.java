package dev.infrajunit.runtime;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import dev.infrajunit.concurrent.OncePerKey;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.transport.Transports;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/** A host during one run: its definition, its shared transport and its facts. */
final class RunHost implements Host {

    private final HostDefinition definition;
    private final Environment environment;
    private final Transports transports;
    private final OncePerKey<Object> facts;

    RunHost(HostDefinition definition, Environment environment, Transports transports) {
        this.definition = definition;
        this.environment = environment;
        this.transports = transports;
        // a check waiting for another's fetch sends no command meanwhile: its host's batch need not wait for it
        this.facts = new OncePerKey<>(change -> transports.waitingForFact(definition, change));
    }

    HostDefinition definition() {
        return definition;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public String address() {
        return definition.address();
    }

    @Override
    public Set<String> roles() {
        return new LinkedHashSet<>(definition.roles());
    }

    @Override
    public Map<String, Object> properties() {
        return definition.properties();
    }

    @Override
    public CommandResult run(Command command) {
        long start = System.nanoTime();
        try {
            CommandResult result = transports.forHost(definition).execute(command, definition.commandTimeout());
            // its own time on the host, not the time it waited for a session or for batch-mates before it
            CommandLog.ran(name(), command, result, result.duration());
            return result;
        } catch (RuntimeException e) {
            CommandLog.couldNotRun(name(), command, e, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T fact(String key, Supplier<T> fetch) {
        try {
            OptionalLong fresh = FactFreshness.required();
            return (T) (fresh.isPresent() ? facts.getFresh(key, fetch, fresh.getAsLong()) : facts.get(key, fetch));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CouldNotCheckException(name(), "interrupted while fetching " + key, e);
        }
    }

    /** Its checks of the run are done: a later asker fetches afresh. */
    void forgetFacts() {
        facts.clear();
    }

    @Override
    public Environment environment() {
        return environment;
    }

    @Override
    public String toString() {
        return name();
    }
}

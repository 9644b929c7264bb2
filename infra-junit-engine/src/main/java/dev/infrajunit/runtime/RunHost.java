package dev.infrajunit.runtime;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import dev.infrajunit.environment.HostDefinition;
import dev.infrajunit.transport.Transports;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** A host during one run: its definition, its shared transport and its facts. */
final class RunHost implements Host {

    private final HostDefinition definition;
    private final Environment environment;
    private final Transports transports;
    private final Map<String, Future<Object>> facts = new ConcurrentHashMap<>();

    RunHost(HostDefinition definition, Environment environment, Transports transports) {
        this.definition = definition;
        this.environment = environment;
        this.transports = transports;
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
        return transports.forHost(definition).execute(command, definition.commandTimeout());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T fact(String key, Supplier<T> fetch) {
        // The first caller fetches; concurrent callers for the same key wait for that one fetch.
        FutureTask<Object> task = new FutureTask<>(fetch::get);
        Future<Object> existing = facts.putIfAbsent(key, task);
        Future<Object> future = existing == null ? task : existing;
        if (existing == null) {
            task.run();
        }
        try {
            return (T) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.infrajunit.CouldNotCheckException(name(), "interrupted while fetching " + key, e);
        } catch (java.util.concurrent.ExecutionException e) {
            // A failed fetch is not cached: the next check asks again rather than repeating an old error.
            facts.remove(key, future);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new dev.infrajunit.CouldNotCheckException(name(), "could not fetch " + key + ": " + cause, cause);
        }
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

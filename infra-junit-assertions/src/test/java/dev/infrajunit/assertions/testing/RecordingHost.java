package dev.infrajunit.assertions.testing;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Environment;
import dev.infrajunit.Host;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real host seen through a wrapper that records every command actually sent to it. Facts go to
 * the wrapped host, so what its fact cache saves is visible as commands not run.
 */
public class RecordingHost implements Host {

    private final Host delegate;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    public RecordingHost(Host delegate) {
        this.delegate = delegate;
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Lets a subclass run a command differently (in another PATH or mount namespace). */
    protected CommandResult execute(Host host, Command command) {
        return host.run(command);
    }

    @Override
    public CommandResult run(Command command) {
        commands.add(command);
        return execute(delegate, command);
    }

    @Override
    public <T> T fact(String key, Supplier<T> fetch) {
        return delegate.fact(key, fetch);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String address() {
        return delegate.address();
    }

    @Override
    public Set<String> roles() {
        return delegate.roles();
    }

    @Override
    public Map<String, Object> properties() {
        return delegate.properties();
    }

    @Override
    public Environment environment() {
        return delegate.environment();
    }
}

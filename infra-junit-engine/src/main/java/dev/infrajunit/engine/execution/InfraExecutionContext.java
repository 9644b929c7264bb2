package dev.infrajunit.engine.execution;

import dev.infrajunit.engine.config.InfraConfiguration;
import dev.infrajunit.runtime.RunEnvironment;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node needs while it executes: the configuration, where its report entries go, and once
 * the engine node has opened it, the run's environment (or why it could not be opened).
 */
public final class InfraExecutionContext implements EngineExecutionContext {

    private final InfraConfiguration configuration;
    private final EngineExecutionListener listener;
    private final RunEnvironment environment;
    private final RuntimeException environmentFailure;
    private final CheckThreads checkThreads;

    public InfraExecutionContext(InfraConfiguration configuration, EngineExecutionListener listener) {
        this(configuration, listener, null, null, null);
    }

    private InfraExecutionContext(InfraConfiguration configuration, EngineExecutionListener listener, RunEnvironment environment,
                                  RuntimeException environmentFailure, CheckThreads checkThreads) {
        this.configuration = configuration;
        this.listener = listener;
        this.environment = environment;
        this.environmentFailure = environmentFailure;
        this.checkThreads = checkThreads;
    }

    public InfraExecutionContext withEnvironment(RunEnvironment environment, CheckThreads checkThreads) {
        return new InfraExecutionContext(configuration, listener, environment, null, checkThreads);
    }

    public InfraExecutionContext withEnvironmentFailure(RuntimeException failure) {
        return new InfraExecutionContext(configuration, listener, null, failure, null);
    }

    /** The run's environment, when it could be opened. */
    public Optional<RunEnvironment> environmentIfOpen() {
        return Optional.ofNullable(environment);
    }

    /** The threads this run's checks are called on. */
    public CheckThreads checkThreads() {
        return checkThreads;
    }

    /** Where a node's report entries go. */
    public EngineExecutionListener listener() {
        return listener;
    }

    public InfraConfiguration configuration() {
        return configuration;
    }

    /** The run's environment; rethrows why it could not be opened, so each check reports it. */
    public RunEnvironment environment() {
        if (environmentFailure != null) {
            throw environmentFailure;
        }
        return environment;
    }
}

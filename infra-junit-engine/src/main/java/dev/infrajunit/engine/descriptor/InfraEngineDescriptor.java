package dev.infrajunit.engine.descriptor;

import dev.infrajunit.engine.config.InfraConfiguration;
import dev.infrajunit.engine.execution.CheckThreads;
import dev.infrajunit.engine.execution.InfraExecutionContext;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.runtime.ActiveEnvironment;
import dev.infrajunit.runtime.SelectedEnvironment;
import dev.infrajunit.runtime.RunEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The root of a run. Loads the environment once, when discovery first needs its hosts or else
 * when execution starts, and closes everything the run opened when execution ends.
 */
public final class InfraEngineDescriptor extends EngineDescriptor implements Node<InfraExecutionContext> {

    private final InfraConfiguration configuration;
    private final ClassLoader classLoader;
    private SelectedEnvironment source;
    private RuntimeException loadFailure;
    private RunEnvironment run;
    private CheckThreads checkThreads;
    private Thread stopAtExit;

    public InfraEngineDescriptor(UniqueId uniqueId, InfraConfiguration configuration, ClassLoader classLoader) {
        super(uniqueId, "infra-junit");
        this.configuration = configuration;
        this.classLoader = classLoader;
    }

    public InfraConfiguration configuration() {
        return configuration;
    }

    /**
     * The environment's definition, loaded on first call.
     *
     * @throws RuntimeException why it could not be loaded, the same one on every call
     */
    /** The class loader that found the specs, for names they are referred to by. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    public synchronized EnvironmentDefinition environment() {
        if (source == null && loadFailure == null) {
            try {
                source = SelectedEnvironment.open(configuration.environment(), classLoader);
                // A launch may discover and never execute (an IDE listing the specs, a dry run, a run
                // refused for a declaration mistake); what was started for it then stops with the JVM.
                stopAtExit = new Thread(this::closeSource, "infra-junit-stop-environment");
                Runtime.getRuntime().addShutdownHook(stopAtExit);
            } catch (RuntimeException e) {
                loadFailure = e;
            }
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
        return source.definition();
    }

    @Override
    public InfraExecutionContext before(InfraExecutionContext context) {
        try {
            run = new RunEnvironment(environment(), configuration.commandBatchWindow());
        } catch (RuntimeException e) {
            return context.withEnvironmentFailure(e);
        }
        ActiveEnvironment.begin(run);
        run.expectChecks(checksByHost());
        checkThreads = new CheckThreads();
        return context.withEnvironment(run, checkThreads);
    }

    @Override
    public void after(InfraExecutionContext context) {
        // Runs after failures and cancellation too: connections first, then whatever was started for them.
        try {
            if (run != null) {
                ActiveEnvironment.end(run);
                run.close();
            }
        } finally {
            run = null;
            try {
                // after the connections: a check still waiting on one ends with it
                if (checkThreads != null) {
                    checkThreads.close();
                }
            } finally {
                checkThreads = null;
                closeSource();
            }
        }
    }

    private Map<String, Integer> checksByHost() {
        // in the order the checks run, host by host as first met
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TestDescriptor descendant : getDescendants()) {
            if (descendant instanceof HostCheckDescriptor check) {
                counts.merge(check.hostName(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private synchronized void closeSource() {
        if (stopAtExit != null && Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: this close and its close do the same
            }
        }
        stopAtExit = null;
        if (source != null) {
            SelectedEnvironment closing = source;
            source = null;
            closing.close();
        }
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}

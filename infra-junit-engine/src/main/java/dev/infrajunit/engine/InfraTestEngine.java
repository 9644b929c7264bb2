package dev.infrajunit.engine;

import dev.infrajunit.engine.config.InfraConfiguration;
import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import dev.infrajunit.engine.discovery.SpecDiscovery;
import dev.infrajunit.engine.execution.InfraExecutionContext;
import java.util.Optional;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

/** The infra-junit test engine: wiring only; discovery and the nodes do the work. */
public final class InfraTestEngine extends HierarchicalTestEngine<InfraExecutionContext> {

    public static final String ENGINE_ID = "infra-junit";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.infrajunit");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("infra-junit-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        PlatformVersion.require();
        InfraConfiguration configuration = configuration(request.getConfigurationParameters());
        InfraEngineDescriptor engine = new InfraEngineDescriptor(uniqueId, configuration,
                Thread.currentThread().getContextClassLoader());
        SpecDiscovery.discover(request, engine);
        return engine;
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        InfraConfiguration configuration = configuration(request.getConfigurationParameters());
        return configuration.parallelEnabled()
                ? new HostOrderedExecutor(configuration.parallelism())
                : new SameThreadHierarchicalTestExecutorService();
    }

    @Override
    protected InfraExecutionContext createExecutionContext(ExecutionRequest request) {
        return new InfraExecutionContext(configuration(request.getConfigurationParameters()), request.getEngineExecutionListener());
    }

    private static InfraConfiguration configuration(org.junit.platform.engine.ConfigurationParameters parameters) {
        return new InfraConfiguration(parameters::get);
    }
}

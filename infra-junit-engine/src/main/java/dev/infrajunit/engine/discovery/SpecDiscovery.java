package dev.infrajunit.engine.discovery;

import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/** Fills the engine descriptor from a discovery request: classes, checks, hosts. */
public final class SpecDiscovery {

    private SpecDiscovery() {
    }

    public static void discover(EngineDiscoveryRequest request, InfraEngineDescriptor engine) {
        EngineDiscoveryRequestResolver.<InfraEngineDescriptor>builder()
                .addClassContainerSelectorResolver(SpecClasses::isSpec)
                .addSelectorResolver(context -> new SpecClassResolver(context.getIssueReporter()))
                .addSelectorResolver(context -> new CheckMethodResolver(context.getIssueReporter(), engine))
                .addSelectorResolver(context -> new HostResolver(context.getIssueReporter(), engine))
                .build()
                .resolve(request, engine);
    }
}

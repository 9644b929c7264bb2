package dev.infrajunit.engine.discovery;

import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import dev.infrajunit.environment.EnvironmentException;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
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
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), engine.getUniqueId());
        ShardPruning.apply(engine, issues);
        if (!engine.getChildren().isEmpty()) {
            loadEnvironment(engine, issues);
        }
    }

    /**
     * Every check needs the environment, so one that cannot be loaded is reported once, before
     * anything runs. An {@link EnvironmentException} says where and what to do; its stack trace,
     * engine internals only, would bury that, so it is left out.
     */
    private static void loadEnvironment(InfraEngineDescriptor engine, DiscoveryIssueReporter issues) {
        try {
            engine.environment();
            WaiverReview.report(engine, issues);
        } catch (EnvironmentException problem) {
            DiscoveryIssue.Builder issue = DiscoveryIssue.builder(Severity.ERROR, problem.getMessage());
            problem.file().map(path -> problem.line() > 0
                            ? FileSource.from(path.toFile(), FilePosition.from(problem.line()))
                            : FileSource.from(path.toFile()))
                    .ifPresent(issue::source);
            issues.reportIssue(issue);
        } catch (RuntimeException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "Could not load the environment: " + e.getMessage()).cause(e));
        }
    }
}

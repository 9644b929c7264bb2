package dev.infrajunit.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.infrajunit.InfraTest;
import dev.infrajunit.engine.descriptor.SpecClassDescriptor;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Resolves {@code @InfraTest} classes, by class and by unique id. */
final class SpecClassResolver implements SelectorResolver {

    private final DiscoveryIssueReporter issues;

    SpecClassResolver(DiscoveryIssueReporter issues) {
        this.issues = issues;
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        if (!AnnotationSupport.isAnnotated(candidate, InfraTest.class)) {
            return Resolution.unresolved();
        }
        if (!SpecClasses.isSpec(candidate)) {
            reportNotRunnable(candidate);
            return Resolution.unresolved();
        }
        Optional<String> constructorProblem = constructorProblem(candidate);
        if (constructorProblem.isPresent()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, constructorProblem.get()).source(ClassSource.from(candidate)));
            return Resolution.unresolved();
        }
        var checks = SpecClasses.checks(candidate);
        if (checks.isEmpty()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, "@InfraTest class " + candidate.getName()
                    + " has no @Check methods, so it checks nothing").source(ClassSource.from(candidate)));
        }
        return context.addToParent(parent -> Optional.of(new SpecClassDescriptor(parent.getUniqueId(), candidate)))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> checks.stream()
                        .map(method -> selectMethod(candidate, method))
                        .collect(Collectors.<DiscoverySelector, Set<DiscoverySelector>>toCollection(LinkedHashSet::new)))))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId uniqueId = selector.getUniqueId();
        UniqueId.Segment last = uniqueId.getLastSegment();
        if (!SpecClassDescriptor.SEGMENT_TYPE.equals(last.getType())) {
            return Resolution.unresolved();
        }
        return ReflectionSupport.tryToLoadClass(last.getValue()).toOptional()
                .map(found -> resolve(DiscoverySelectors.selectClass(found), context))
                .orElseGet(() -> {
                    issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "Unique id " + uniqueId
                            + " names class " + last.getValue() + ", which is not on the test classpath"));
                    return Resolution.unresolved();
                });
    }

    private void reportNotRunnable(Class<?> candidate) {
        if (Modifier.isAbstract(candidate.getModifiers())) {
            return; // an abstract base spec is run through its concrete subclasses
        }
        String why = candidate.getEnclosingClass() != null && !Modifier.isStatic(candidate.getModifiers())
                ? "is an inner class; make it static or top-level"
                : "is a local or anonymous class; make it a top-level class";
        issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "@InfraTest class " + candidate.getName() + " " + why)
                .source(ClassSource.from(candidate)));
    }

    private static Optional<String> constructorProblem(Class<?> candidate) {
        try {
            candidate.getDeclaredConstructor();
            return Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.of("@InfraTest class " + candidate.getName()
                    + " needs a constructor without parameters: the engine creates one instance per check");
        }
    }
}

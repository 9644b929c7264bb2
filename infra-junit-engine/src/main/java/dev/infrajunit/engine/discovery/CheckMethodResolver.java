package dev.infrajunit.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.infrajunit.Check;
import dev.infrajunit.Durations;
import dev.infrajunit.Eventually;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.engine.descriptor.CheckMethodDescriptor;
import dev.infrajunit.engine.descriptor.HostCheckDescriptor;
import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import dev.infrajunit.engine.descriptor.SpecClassDescriptor;
import dev.infrajunit.engine.execution.CheckExecution;
import dev.infrajunit.engine.execution.Retry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.IterationSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves {@code @Check} methods by method, unique id and iteration, validating each declaration;
 * a {@code @ForEachHost} check expands into one child per matching host of the environment.
 */
final class CheckMethodResolver implements SelectorResolver {

    private final DiscoveryIssueReporter issues;
    private final InfraEngineDescriptor engine;

    CheckMethodResolver(DiscoveryIssueReporter issues, InfraEngineDescriptor engine) {
        this.issues = issues;
        this.engine = engine;
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> specClass = selector.getJavaClass();
        Method method = selector.getJavaMethod();
        if (!AnnotationSupport.isAnnotated(method, Check.class) || !SpecClasses.isSpec(specClass)) {
            return Resolution.unresolved();
        }
        Optional<CheckExecution> execution = validate(specClass, method);
        if (execution.isEmpty()) {
            return Resolution.unresolved();
        }
        Optional<String> hostSelector = AnnotationSupport.findAnnotation(method, ForEachHost.class).map(ForEachHost::value);
        Optional<CheckMethodDescriptor> descriptor = context.addToParent(() -> selectClass(specClass), parent -> {
            if (!(parent instanceof SpecClassDescriptor)) {
                return Optional.empty();
            }
            return Optional.of(new CheckMethodDescriptor(parent.getUniqueId(), specClass, method, execution.get(), hostSelector));
        });
        return descriptor
                .map(check -> Resolution.match(Match.exact(check, () -> hostSelectors(check))))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId uniqueId = selector.getUniqueId();
        UniqueId.Segment last = uniqueId.getLastSegment();
        if (!CheckMethodDescriptor.SEGMENT_TYPE.equals(last.getType())) {
            return Resolution.unresolved();
        }
        UniqueId.Segment classSegment = uniqueId.removeLastSegment().getLastSegment();
        if (!SpecClassDescriptor.SEGMENT_TYPE.equals(classSegment.getType())) {
            return Resolution.unresolved();
        }
        return ReflectionSupport.tryToLoadClass(classSegment.getValue()).toOptional()
                .flatMap(specClass -> SpecClasses.checks(specClass).stream()
                        .filter(method -> CheckMethodDescriptor.segmentValue(method).equals(last.getValue()))
                        .findFirst()
                        .map(method -> resolve(selectMethod(specClass, method), context)))
                .orElseGet(() -> {
                    issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "Unique id " + uniqueId
                            + " names a check that no longer exists: " + classSegment.getValue() + "#" + last.getValue()));
                    return Resolution.unresolved();
                });
    }

    /** IDEs rerun the n-th host of a fanned-out check this way; n counts hosts in file order. */
    @Override
    public Resolution resolve(IterationSelector selector, Context context) {
        if (!(selector.getParentSelector() instanceof MethodSelector methodSelector)) {
            return Resolution.unresolved();
        }
        return context.resolve(methodSelector)
                .filter(CheckMethodDescriptor.class::isInstance)
                .map(CheckMethodDescriptor.class::cast)
                .filter(check -> check.hostSelector().isPresent())
                .map(check -> {
                    List<String> hosts = matchingHosts(check);
                    Set<DiscoverySelector> selected = new LinkedHashSet<>();
                    for (int index : selector.getIterationIndices()) {
                        if (index >= 0 && index < hosts.size()) {
                            selected.add(hostSelector(check, hosts.get(index)));
                        }
                    }
                    return Resolution.selectors(selected);
                })
                .orElse(Resolution.unresolved());
    }

    private Set<? extends DiscoverySelector> hostSelectors(CheckMethodDescriptor check) {
        if (check.hostSelector().isEmpty()) {
            return Set.of();
        }
        return matchingHosts(check).stream()
                .map(host -> hostSelector(check, host))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static DiscoverySelector hostSelector(CheckMethodDescriptor check, String host) {
        return DiscoverySelectors.selectUniqueId(check.getUniqueId().append(HostCheckDescriptor.SEGMENT_TYPE, host));
    }

    private List<String> matchingHosts(CheckMethodDescriptor check) {
        MethodSource source = MethodSource.from(check.specClass(), check.method());
        String selector = check.hostSelector().orElseThrow();
        HostMatching.Result result;
        try {
            result = HostMatching.match(engine.environment(), selector);
        } catch (RuntimeException e) {
            return List.of(); // reported once for the whole run by SpecDiscovery
        }
        result.problem().ifPresent(problem -> issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR,
                "@ForEachHost(\"" + selector + "\") on " + check.specClass().getSimpleName() + "." + check.method().getName()
                        + "(): " + problem).source(source)));
        return result.hosts();
    }

    private Optional<CheckExecution> validate(Class<?> specClass, Method method) {
        String name = specClass.getSimpleName() + "." + method.getName() + "()";
        MethodSource source = MethodSource.from(specClass, method);
        boolean forEachHost = AnnotationSupport.isAnnotated(method, ForEachHost.class);
        Optional<String> problem = Optional.empty();
        if (method.getReturnType() != void.class) {
            problem = Optional.of("must return void, but returns " + method.getReturnType().getSimpleName());
        } else if (Modifier.isStatic(method.getModifiers())) {
            problem = Optional.of("must not be static");
        } else if (Modifier.isPrivate(method.getModifiers())) {
            problem = Optional.of("must not be private");
        } else if (forEachHost && (method.getParameterCount() != 1 || method.getParameterTypes()[0] != Host.class)) {
            problem = Optional.of("is @ForEachHost, so it must take exactly the Host it checks, e.g. void "
                    + method.getName() + "(Host host); it takes (" + parameterList(method) + ")");
        } else if (!forEachHost && method.getParameterCount() > 0) {
            problem = Optional.of("takes (" + parameterList(method) + "), which the engine cannot supply; a plain check"
                    + " takes no parameters, and a check that takes a Host needs @ForEachHost(\"selector\")");
        }
        if (problem.isPresent()) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "@Check method " + name + " " + problem.get())
                    .source(source));
            return Optional.empty();
        }
        try {
            Optional<Duration> timeout = Optional.ofNullable(method.getAnnotation(Check.class))
                    .map(Check::timeout).filter(text -> !text.isBlank()).map(Durations::parse);
            Optional<Retry> retry = AnnotationSupport.findAnnotation(method, Eventually.class)
                    .map(eventually -> new Retry(Durations.parse(eventually.timeout()), Durations.parse(eventually.pollInterval())));
            return Optional.of(new CheckExecution(timeout, retry));
        } catch (IllegalArgumentException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "@Check method " + name
                    + " has an invalid duration: " + e.getMessage()).source(source));
            return Optional.empty();
        }
    }

    private static String parameterList(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}

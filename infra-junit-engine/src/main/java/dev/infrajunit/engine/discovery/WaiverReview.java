package dev.infrajunit.engine.discovery;

import dev.infrajunit.Check;
import dev.infrajunit.engine.descriptor.InfraEngineDescriptor;
import dev.infrajunit.engine.descriptor.SpecClassDescriptor;
import dev.infrajunit.environment.EnvironmentDefinition;
import dev.infrajunit.environment.Waiver;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * A waiver is never silent: one that has expired, or that names no check or no host, is reported
 * at discovery with its file and line. A waiver naming a spec class by its simple name that this run
 * did not discover is left alone: it may be for specs that run elsewhere.
 */
final class WaiverReview {

    private WaiverReview() {
    }

    static void report(InfraEngineDescriptor engine, DiscoveryIssueReporter issues) {
        EnvironmentDefinition environment = engine.environment();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Class<?>> specs = engine.getDescendants().stream()
                .filter(SpecClassDescriptor.class::isInstance)
                .<Class<?>>map(descriptor -> ((SpecClassDescriptor) descriptor).specClass())
                .toList();
        for (Waiver waiver : environment.waivers()) {
            if (waiver.expired(today)) {
                warn(issues, waiver, waiver.describe() + " expired on " + waiver.expires() + ", so the failures it accepted"
                        + " count again; renew it with a later date or remove it");
            }
            specClass(waiver, specs, engine.classLoader()).ifPresentOrElse(spec -> {
                boolean hasCheck = Arrays.stream(spec.getDeclaredMethods()).anyMatch(method ->
                        method.getName().equals(waiver.methodName()) && AnnotationSupport.isAnnotated(method, Check.class));
                if (!hasCheck) {
                    warn(issues, waiver, waiver.describe() + " names no check: " + spec.getSimpleName() + " has no @Check"
                            + " method " + waiver.methodName());
                }
            }, () -> {
                if (waiver.specClass().contains(".")) {
                    warn(issues, waiver, waiver.describe() + " names no check: there is no spec class " + waiver.specClass());
                }
            });
            waiver.hosts().filter(selector -> selector.select(environment.hosts()).isEmpty()).ifPresent(selector ->
                    warn(issues, waiver, waiver.describe() + " covers no host: " + selector.noMatchIn(environment)));
        }
    }

    private static Optional<Class<?>> specClass(Waiver waiver, List<Class<?>> discovered, ClassLoader loader) {
        Optional<Class<?>> found = discovered.stream()
                .filter(spec -> spec.getName().equals(waiver.specClass()) || spec.getSimpleName().equals(waiver.specClass()))
                .findFirst();
        if (found.isPresent() || !waiver.specClass().contains(".")) {
            return found;
        }
        try {
            return Optional.of(Class.forName(waiver.specClass(), false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static void warn(DiscoveryIssueReporter issues, Waiver waiver, String message) {
        DiscoveryIssue.Builder issue = DiscoveryIssue.builder(Severity.WARNING, waiver.location() + ": " + message);
        waiver.file().ifPresent(path -> issue.source(FileSource.from(path.toFile(), FilePosition.from(waiver.line()))));
        issues.reportIssue(issue);
    }
}

package dev.infrajunit.engine.discovery;

import dev.infrajunit.Check;
import dev.infrajunit.InfraTest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Which classes are specs and which of their methods are checks. */
final class SpecClasses {

    private SpecClasses() {
    }

    /** A class the engine runs: annotated, concrete, and instantiable without an enclosing instance. */
    static boolean isSpec(Class<?> candidate) {
        return AnnotationSupport.isAnnotated(candidate, InfraTest.class)
                && !Modifier.isAbstract(candidate.getModifiers())
                && !candidate.isLocalClass()
                && !candidate.isAnonymousClass()
                && (candidate.getEnclosingClass() == null || Modifier.isStatic(candidate.getModifiers()));
    }

    /** The check methods of a spec class, superclasses' included, in a stable order. */
    static List<Method> checks(Class<?> specClass) {
        return ReflectionSupport.findMethods(specClass, method -> AnnotationSupport.isAnnotated(method, Check.class),
                        HierarchyTraversalMode.TOP_DOWN).stream()
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }
}

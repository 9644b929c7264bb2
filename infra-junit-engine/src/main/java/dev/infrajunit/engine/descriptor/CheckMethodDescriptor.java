package dev.infrajunit.engine.descriptor;

import dev.infrajunit.engine.execution.CheckExecution;
import dev.infrajunit.engine.execution.InfraExecutionContext;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.util.ClassUtils;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A {@code @Check} method. A plain check is a test of its own; a {@code @ForEachHost} check is a
 * container whose children are its hosts.
 */
public final class CheckMethodDescriptor extends AbstractTestDescriptor implements Node<InfraExecutionContext> {

    public static final String SEGMENT_TYPE = "method";

    private final Class<?> specClass;
    private final Method method;
    private final CheckExecution execution;
    private final Optional<String> hostSelector;
    /** Read once: every host of the check asks for them, on every event of the run. */
    private final Set<TestTag> tags;

    public CheckMethodDescriptor(UniqueId parentId, Class<?> specClass, Method method, CheckExecution execution,
                                 Optional<String> hostSelector) {
        super(parentId.append(SEGMENT_TYPE, segmentValue(method)),
                JupiterAnnotations.displayName(method).orElse(method.getName()),
                MethodSource.from(specClass, method));
        this.specClass = specClass;
        this.method = method;
        this.execution = execution;
        this.hostSelector = hostSelector;
        Set<TestTag> found = new LinkedHashSet<>(JupiterAnnotations.tags(specClass));
        found.addAll(JupiterAnnotations.tags(method));
        this.tags = Collections.unmodifiableSet(found);
    }

    /** Like Jupiter: the name and the parameter types, so overloads stay apart. */
    public static String segmentValue(Method method) {
        return method.getName() + "(" + ClassUtils.nullSafeToString(method.getParameterTypes()) + ")";
    }

    public Method method() {
        return method;
    }

    public Class<?> specClass() {
        return specClass;
    }

    public CheckExecution execution() {
        return execution;
    }

    public Optional<String> hostSelector() {
        return hostSelector;
    }

    @Override
    public Type getType() {
        return hostSelector.isPresent() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public String getLegacyReportingName() {
        return method.getName();
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public SkipResult shouldBeSkipped(InfraExecutionContext context) {
        return JupiterAnnotations.disabledReason(method, method.getName() + "()")
                .map(SkipResult::skip)
                .orElse(SkipResult.doNotSkip());
    }

    @Override
    public InfraExecutionContext execute(InfraExecutionContext context, DynamicTestExecutor dynamicTestExecutor)
            throws Exception {
        if (hostSelector.isEmpty()) {
            execution.run(specClass, method, new Object[0], method.getName(), context, this);
        }
        return context;
    }

    /** Hosts of a skipped check never run: none of them needs its connection for this check. */
    @Override
    public void nodeSkipped(InfraExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        for (TestDescriptor child : getChildren()) {
            if (child instanceof HostCheckDescriptor host) {
                host.finished(context);
            }
        }
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}

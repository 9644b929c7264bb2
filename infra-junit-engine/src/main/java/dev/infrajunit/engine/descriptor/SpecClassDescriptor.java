package dev.infrajunit.engine.descriptor;

import dev.infrajunit.engine.execution.InfraExecutionContext;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** An {@code @InfraTest} class; its children are its checks. */
public final class SpecClassDescriptor extends AbstractTestDescriptor implements Node<InfraExecutionContext> {

    public static final String SEGMENT_TYPE = "class";

    private final Class<?> specClass;

    public SpecClassDescriptor(UniqueId parentId, Class<?> specClass) {
        super(parentId.append(SEGMENT_TYPE, specClass.getName()),
                JupiterAnnotations.displayName(specClass).orElse(specClass.getSimpleName()),
                ClassSource.from(specClass));
        this.specClass = specClass;
    }

    public Class<?> specClass() {
        return specClass;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return specClass.getName();
    }

    @Override
    public Set<TestTag> getTags() {
        return JupiterAnnotations.tags(specClass);
    }

    @Override
    public SkipResult shouldBeSkipped(InfraExecutionContext context) {
        return JupiterAnnotations.disabledReason(specClass, specClass.getSimpleName())
                .map(SkipResult::skip)
                .orElse(SkipResult.doNotSkip());
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}

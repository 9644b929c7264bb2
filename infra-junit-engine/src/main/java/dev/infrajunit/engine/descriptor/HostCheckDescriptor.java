package dev.infrajunit.engine.descriptor;

import dev.infrajunit.CouldNotCheckException;
import dev.infrajunit.Host;
import dev.infrajunit.engine.execution.InfraExecutionContext;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One host of a {@code @ForEachHost} check. Its unique-id segment is the host's name, so an IDE or
 * Surefire's rerun of failing tests selects exactly this host again, whatever the file order.
 */
public final class HostCheckDescriptor extends AbstractTestDescriptor implements Node<InfraExecutionContext> {

    public static final String SEGMENT_TYPE = "host";

    private final CheckMethodDescriptor check;
    private final String hostName;

    public HostCheckDescriptor(CheckMethodDescriptor check, String hostName) {
        super(check.getUniqueId().append(SEGMENT_TYPE, hostName), hostName,
                MethodSource.from(check.specClass(), check.method()));
        this.check = check;
        this.hostName = hostName;
    }

    public String hostName() {
        return hostName;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    /** Surefire names the row after this: {@code everyDatabaseIsBackedUp[db-2]}. */
    @Override
    public String getLegacyReportingName() {
        return check.method().getName() + "[" + hostName + "]";
    }

    @Override
    public Set<TestTag> getTags() {
        return check.getTags();
    }

    @Override
    public InfraExecutionContext execute(InfraExecutionContext context, DynamicTestExecutor dynamicTestExecutor)
            throws Exception {
        Host host;
        try {
            context.environmentIfOpen().ifPresent(run -> run.checkStarted(hostName));
            host = context.environment().host(hostName);
        } catch (RuntimeException e) {
            throw new CouldNotCheckException(hostName, e.getMessage(), e);
        }
        check.execution().run(check.specClass(), check.method(), new Object[] {host}, hostName, context, this);
        return context;
    }

    /** Passed, failed or stopped: one check fewer that needs the host's connection. */
    @Override
    public void nodeFinished(InfraExecutionContext context, TestDescriptor descriptor, TestExecutionResult result) {
        finished(context);
    }

    @Override
    public void nodeSkipped(InfraExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        finished(context);
    }

    void finished(InfraExecutionContext context) {
        context.environmentIfOpen().ifPresent(run -> run.checkFinished(hostName));
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}

package dev.infrajunit.engine.execution;

import dev.infrajunit.runtime.ActiveCheck;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * A check's report entries, published for its node while it runs. A check abandoned after its
 * timeout may still run commands; once its node has finished, their entries are dropped, since a
 * finished node takes no more events.
 */
final class NodeReporter implements ActiveCheck.Reporter, AutoCloseable {

    private final EngineExecutionListener listener;
    private final TestDescriptor node;
    private final boolean commands;
    private boolean closed;

    /** @param commands whether the commands the check runs are published too ({@code infra.commands.reportEntries}) */
    NodeReporter(EngineExecutionListener listener, TestDescriptor node, boolean commands) {
        this.listener = listener;
        this.node = node;
        this.commands = commands;
    }

    @Override
    public void command(Map<String, String> entry) {
        if (commands) {
            publish(entry);
        }
    }

    @Override
    public synchronized void publish(Map<String, String> entry) {
        if (!closed) {
            listener.reportingEntryPublished(node, ReportEntry.from(entry));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}

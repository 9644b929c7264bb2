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
    private boolean closed;

    NodeReporter(EngineExecutionListener listener, TestDescriptor node) {
        this.listener = listener;
        this.node = node;
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

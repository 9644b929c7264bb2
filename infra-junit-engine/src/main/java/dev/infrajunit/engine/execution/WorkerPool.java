package dev.infrajunit.engine.execution;

import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory.ParallelExecutorServiceType;

/**
 * The executor for parallel runs. Checks spend their time waiting on hosts, not computing, so the
 * worker-thread pool (which suits blocking I/O better than fork-join) gets a fixed size of
 * {@code infra.parallelism} threads, independent of the number of cores.
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    public static HierarchicalTestExecutorService create(int parallelism) {
        return ParallelHierarchicalTestExecutorServiceFactory.create(ParallelExecutorServiceType.WORKER_THREAD_POOL,
                new ParallelExecutionConfiguration() {
                    @Override
                    public int getParallelism() {
                        return parallelism;
                    }

                    @Override
                    public int getMinimumRunnable() {
                        return parallelism;
                    }

                    @Override
                    public int getMaxPoolSize() {
                        return parallelism;
                    }

                    @Override
                    public int getCorePoolSize() {
                        return parallelism;
                    }

                    @Override
                    public int getKeepAliveSeconds() {
                        return 30;
                    }
                });
    }
}

package dev.infrajunit.embedded;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The peaks of heap, resident memory, open file descriptors and threads while a benchmark runs,
 * the numbers that show whether a run stays bounded as the fleet grows. File descriptors are
 * sampled every 20 ms from {@code /proc/self/fd}; heap and threads come from the JVM's own peak
 * counters; resident memory is the kernel's high-water mark ({@code VmHWM}), reset at the start.
 */
public final class ResourcePeaks implements AutoCloseable {

    /** What was measured: heap in MB (the sum of each heap pool's peak, so an upper bound), resident memory in MB. */
    public record Peaks(double heapMb, long fileDescriptors, int threads, double rssMb) {
    }

    private final AtomicLong fileDescriptors = new AtomicLong(openFileDescriptors());
    private final Thread sampler;

    private ResourcePeaks() {
        System.gc();
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        resetResidentPeak();
        sampler = new Thread(this::sample, "resource-peaks");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Resets the JVM's peak counters and starts sampling. */
    public static ResourcePeaks start() {
        return new ResourcePeaks();
    }

    /** Stops sampling and returns the peaks since {@link #start()}. */
    public Peaks stop() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
        return new Peaks(heap, fileDescriptors.get(), threads.getPeakThreadCount(), residentPeakKb() / 1024.0);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            fileDescriptors.accumulateAndGet(openFileDescriptors(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Writing 5 to clear_refs resets the process's VmHWM (Linux 4.0 and later). */
    private static void resetResidentPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            // then the peak counts from the JVM's start: an upper bound
        }
    }

    private static long residentPeakKb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}

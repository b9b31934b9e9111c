package io.corral.benchmarks;

import io.corral.support.Threads;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap of this JVM while something runs in it: the live heap after a full GC before
 * it, the highest heap use sampled during it (garbage included), and the pools' own peak
 * counters.
 */
final class HeapProbe implements AutoCloseable {

    private static final long SAMPLE_EVERY_MS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
        .stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .toList();

    private final long liveBefore;

    private final AtomicLong sampledPeak = new AtomicLong();

    private final AtomicBoolean running = new AtomicBoolean(true);

    private final Thread sampler;

    /** Collects garbage, resets the pools' peaks, and starts sampling. */
    HeapProbe() {
        liveBefore = liveHeap();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampler = Threads.daemon("heap-sampler").newThread(this::sample);
        sampler.start();
    }

    /** The heap still reachable: the used heap just after a full collection. */
    long liveHeap() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    long liveBefore() {
        return liveBefore;
    }

    long sampledPeak() {
        return sampledPeak.get();
    }

    /**
     * The sum of each heap pool's peak: an upper bound, as pools peak at different
     * moments.
     */
    long poolPeaksSum() {
        return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    long maxHeap() {
        return memory.getHeapMemoryUsage().getMax();
    }

    private void sample() {
        while (running.get()) {
            sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            DatabaseProbe.sleep(java.time.Duration.ofMillis(SAMPLE_EVERY_MS));
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            sampler.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

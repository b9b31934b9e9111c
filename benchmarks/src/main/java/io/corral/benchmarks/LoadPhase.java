package io.corral.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code count} numbered operations on a fixed pool of clients, each client taking
 * the next number as soon as it is done with one, and times every operation.
 */
final class LoadPhase {

    /** Stop a phase after this many failures: its rate would mean nothing. */
    private static final int MAX_ERRORS = 100;

    private LoadPhase() {
    }

    /** Latencies in milliseconds and the rate of one phase. */
    record Timing(int operations, double seconds, double perSecond, double p50Ms, double p95Ms, double p99Ms,
            double maxMs, int errors, String firstError) {
    }

    static Timing run(ExecutorService clients, int concurrency, int count, IntConsumer operation) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[] latencies = new long[count];
        Runnable client = () -> {
            for (int i = next.getAndIncrement(); i < count && errors.get() < MAX_ERRORS; i = next.getAndIncrement()) {
                long start = System.nanoTime();
                try {
                    operation.accept(i);
                }
                catch (RuntimeException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                }
                latencies[i] = System.nanoTime() - start;
            }
        };
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(client));
        }
        running.forEach(LoadPhase::await);
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = Math.min(next.get(), count);
        long[] sorted = Arrays.copyOf(latencies, done);
        Arrays.sort(sorted);
        return new Timing(done, seconds, done / seconds, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), percentile(sorted, 100), errors.get(), firstError.get());
    }

    /**
     * The {@code percent}th percentile of sorted nanoseconds, in milliseconds; 0 if none.
     */
    static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(rank, 0)] / 1e6;
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark client failed", e.getCause());
        }
    }

}

package io.corral.placement.auctioneer;

import io.corral.support.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Writes an auction's batches up to {@code concurrency} at a time: while the receptor's
 * database writes one batch, its request threads read the next. Once a write fails, the
 * batches not yet started are not sent (a receptor that failed one is likely to fail the
 * rest, each after its retries); those in flight run to their end. Every batch sent is
 * accounted for before {@link #writeAll} returns, which then rethrows the first failure.
 */
final class ConcurrentWrites<B> implements AutoCloseable {

    private final ExecutorService writers;

    private final int concurrency;

    ConcurrentWrites(int concurrency, String threadName) {
        this.concurrency = concurrency;
        this.writers = Executors.newFixedThreadPool(concurrency, Threads.daemon(threadName));
    }

    void writeAll(List<B> batches, Consumer<B> write) {
        if (concurrency == 1 || batches.size() == 1) {
            batches.forEach(write);
            return;
        }
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (B batch : batches) {
            writes.add(CompletableFuture.runAsync(() -> writeUnlessFailed(batch, write, failed), writers));
        }
        writes.forEach(CompletableFuture::join);
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    private static <B> void writeUnlessFailed(B batch, Consumer<B> write, AtomicReference<RuntimeException> failed) {
        if (failed.get() != null) {
            return;
        }
        try {
            write.accept(batch);
        }
        catch (RuntimeException e) {
            failed.compareAndSet(null, e);
        }
    }

    @Override
    public void close() {
        writers.shutdown();
    }

}

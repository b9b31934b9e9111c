package io.corral.placement.auctioneer;

import io.corral.support.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Writes an auction's batches up to {@code concurrency} at a time: while the receptor's
 * database writes one batch, its request threads read the next. Each write runs to its
 * end, whatever the others do, before {@link #writeAll} returns, so every batch sent is
 * accounted for in the model before the next auction; the first failure is then rethrown.
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
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (B batch : batches) {
            writes.add(CompletableFuture.runAsync(() -> write.accept(batch), writers));
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> each : writes) {
            try {
                each.join();
            }
            catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        writers.shutdown();
    }

}

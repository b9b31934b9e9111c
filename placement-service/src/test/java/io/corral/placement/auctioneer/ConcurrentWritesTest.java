package io.corral.placement.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentWritesTest {

    @Test
    void everyBatchIsWrittenWithNoMoreInFlightThanAllowed() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        try (ConcurrentWrites<Integer> writes = new ConcurrentWrites<>(2, "test-write")) {
            writes.writeAll(IntStream.range(0, 20).boxed().toList(), batch -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                sleep(5);
                written.add(batch);
                inFlight.decrementAndGet();
            });
        }

        assertThat(written).hasSize(20);
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void afterAFailureTheBatchesNotYetStartedAreNotSentAndTheFailureIsRethrown() {
        List<Integer> written = new CopyOnWriteArrayList<>();
        CountDownLatch secondFailed = new CountDownLatch(1);
        try (ConcurrentWrites<Integer> writes = new ConcurrentWrites<>(2, "test-write")) {
            assertThatThrownBy(() -> writes.writeAll(List.of(1, 2, 3, 4, 5), batch -> {
                if (batch == 2) {
                    secondFailed.countDown();
                    throw new IllegalStateException("batch 2 failed");
                }
                await(secondFailed);
                // The first, in flight when the second failed, ends as it would have.
                sleep(200);
                written.add(batch);
            })).isInstanceOf(IllegalStateException.class).hasMessage("batch 2 failed");
        }

        assertThat(written).containsExactly(1);
    }

    @Test
    void oneAtATimeWritesInOrderOnTheCallersThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Integer> order = new CopyOnWriteArrayList<>();
        try (ConcurrentWrites<Integer> writes = new ConcurrentWrites<>(1, "test-write")) {
            writes.writeAll(List.of(1, 2, 3), batch -> {
                threads.add(Thread.currentThread().getName());
                order.add(batch);
            });
        }

        assertThat(order).containsExactly(1, 2, 3);
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

package io.corral.receptor.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** How many assignment batches run at once, and what a batch that waits too long gets. */
class BatchTurnsTest {

    private final BatchTurns turns = new BatchTurns(1, Duration.ofMillis(200));

    @Test
    void aBatchWaitsForTheOneRunningAndIsRefusedAfterItsWait() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> turns.take(() -> {
            running.countDown();
            await(finish);
            return "first";
        }));
        running.await();

        assertThatThrownBy(() -> turns.take(() -> "second")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE));

        finish.countDown();
        assertThat(first.get()).isEqualTo("first");
        assertThat(turns.take(() -> "third")).isEqualTo("third");
    }

    @Test
    void aBatchThatFailsGivesItsTurnBack() {
        assertThatThrownBy(() -> turns.take(() -> {
            throw new IllegalStateException("the batch failed");
        })).hasMessage("the batch failed");

        assertThat(turns.take(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

}

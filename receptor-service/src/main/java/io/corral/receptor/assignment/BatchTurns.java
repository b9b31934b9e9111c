package io.corral.receptor.assignment;

import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes assignment batches a few at a time, in the order they came. A batch of 1,000
 * holds a database connection for up to a second under load: sixteen at once took every
 * connection of the pool, and the requests behind them, batches and a cell's reports
 * alike, failed after the pool's one-second wait (docs/performance.md).
 */
final class BatchTurns {

    private final Semaphore turns;

    private final Duration wait;

    BatchTurns(int concurrent, Duration wait) {
        this.turns = new Semaphore(concurrent, true);
        this.wait = wait;
    }

    <T> T take(Supplier<T> batch) {
        if (!acquire()) {
            throw new ApiException(ErrorCode.DATABASE_UNAVAILABLE,
                    "the receptor is taking as many assignment batches" + " as it takes at once, and this one waited "
                            + wait.toMillis() + " ms for its turn; send it again");
        }
        try {
            return batch.get();
        }
        finally {
            turns.release();
        }
    }

    private boolean acquire() {
        try {
            return turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}

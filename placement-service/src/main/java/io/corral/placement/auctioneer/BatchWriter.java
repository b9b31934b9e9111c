package io.corral.placement.auctioneer;

import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.client.ReceptorException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

/**
 * Sends one batch of assignments under an idempotency key of its own. When the outcome is
 * unknown (no answer, the client timed out, a 5xx, or the receptor still applying the
 * first attempt) it sends the batch again with the same key, so the receptor answers the
 * first outcome instead of deciding again. The pause between attempts starts at
 * {@code pause} and doubles, since a receptor that is slow to answer is often still
 * applying the first attempt. After {@code attempts} it gives up with
 * {@link OutcomeUnknown}: the caller must then assume the batch may have been applied.
 */
final class BatchWriter {

    interface Receptor {

        AssignmentResults assign(AssignmentBatch batch, String idempotencyKey);

    }

    interface Sleeper {

        void sleep(Duration duration) throws InterruptedException;

    }

    /** The batch may or may not have been applied. */
    static final class OutcomeUnknown extends RuntimeException {

        OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }

    }

    private final Receptor receptor;

    private final Sleeper sleeper;

    private final int attempts;

    private final Duration pause;

    BatchWriter(Receptor receptor, Sleeper sleeper, int attempts, Duration pause) {
        this.receptor = receptor;
        this.sleeper = sleeper;
        this.attempts = attempts;
        this.pause = pause;
    }

    AssignmentResults write(AssignmentBatch batch) {
        String key = UUID.randomUUID().toString();
        RuntimeException last = null;
        Duration wait = pause;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return receptor.assign(batch, key);
            }
            catch (UncheckedIOException e) {
                last = e;
            }
            catch (ReceptorException e) {
                if (!unknownOutcome(e)) {
                    throw e;
                }
                last = e;
            }
            if (attempt < attempts) {
                pause(wait);
                wait = wait.multipliedBy(2);
            }
        }
        throw new OutcomeUnknown("the receptor did not say whether it applied assignment batch " + key + " after "
                + attempts + " attempts", last);
    }

    /**
     * A 409 for the whole request is the receptor still applying the first attempt of the
     * key; a 5xx may have come after the commit.
     */
    private static boolean unknownOutcome(ReceptorException e) {
        return e.status() >= 500 || e.status() == 409;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an assignment batch", e);
        }
    }

}

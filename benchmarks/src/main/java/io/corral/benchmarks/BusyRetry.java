package io.corral.benchmarks;

import io.corral.receptor.client.Backoff;
import io.corral.receptor.client.ReceptorException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a request to a busy receptor again instead of failing the run: after a
 * {@code 503} (its database did not answer in time, or it is too busy: nothing was
 * changed) or no answer at all, waiting {@link Backoff}'s capped doubling between tries,
 * up to {@code attempts} tries. Counts the tries sent again.
 */
final class BusyRetry {

    /** How a pause is taken; tests replace it. */
    interface Sleeper {

        void sleep(Duration duration) throws InterruptedException;

    }

    private final Backoff backoff;

    private final int attempts;

    private final Sleeper sleeper;

    private final AtomicLong retries = new AtomicLong();

    BusyRetry(Backoff backoff, int attempts, Sleeper sleeper) {
        this.backoff = backoff;
        this.attempts = attempts;
        this.sleeper = sleeper;
    }

    /** 1 s first (the receptor's {@code Retry-After}), doubling up to 8 s, 8 tries. */
    static BusyRetry standard() {
        return new BusyRetry(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), 8,
                duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * A second between tries, as the receptor's {@code Retry-After} asks,
     * {@code attempts} tries.
     */
    static BusyRetry everySecond(int attempts) {
        return new BusyRetry(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)), attempts,
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** An idempotent request (a heartbeat's {@code PUT}): tried again as it is. */
    void put(Runnable request) {
        send(request, 0);
    }

    /**
     * A create (a desire's {@code POST}): a {@code 409} to a try sent again means an
     * earlier one was committed after all, so the create is done.
     */
    void create(Runnable request) {
        send(request, 409);
    }

    /**
     * A removal (a {@code DELETE}): a {@code 404} to a try sent again means an earlier
     * one was committed after all, so the removal is done.
     */
    void remove(Runnable request) {
        send(request, 404);
    }

    long retries() {
        return retries.get();
    }

    /** {@code doneWhenRepeated}: the status that says an earlier try was committed. */
    private void send(Runnable request, int doneWhenRepeated) {
        Duration delay = backoff.initial();
        for (int attempt = 1;; attempt++) {
            try {
                request.run();
                return;
            }
            catch (ReceptorException e) {
                if (attempt > 1 && e.status() == doneWhenRepeated) {
                    return;
                }
                if (e.status() != 503 || attempt == attempts) {
                    throw e;
                }
            }
            catch (UncheckedIOException e) {
                if (attempt == attempts) {
                    throw e;
                }
            }
            retries.incrementAndGet();
            pause(delay);
            delay = backoff.after(delay);
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}

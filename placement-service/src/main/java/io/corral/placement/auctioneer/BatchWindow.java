package io.corral.placement.auctioneer;

import java.time.Duration;

/**
 * When to auction work that has just arrived: at once after a quiet spell (no work for a
 * whole window), so a lone new LRP is placed without waiting; within a burst (work less
 * than a window after the last), a window later, so what follows joins the same auction.
 */
final class BatchWindow {

    private final Duration window;

    private boolean arrivedBefore;

    private long lastArrivalNanos;

    BatchWindow(Duration window) {
        this.window = window;
    }

    /**
     * Work arrived at {@code nowNanos} ({@link System#nanoTime()}): the wait before its
     * auction.
     */
    synchronized Duration delayFor(long nowNanos) {
        boolean quiet = !arrivedBefore || nowNanos - lastArrivalNanos >= window.toNanos();
        arrivedBefore = true;
        lastArrivalNanos = nowNanos;
        return quiet ? Duration.ZERO : window;
    }

}

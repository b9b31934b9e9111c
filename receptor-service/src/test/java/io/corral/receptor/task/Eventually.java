package io.corral.receptor.task;

import java.time.Duration;

/** A bounded wait for an asynchronous outcome: retries the assertion until it holds or time is up. */
final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    private Eventually() {
    }

    static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

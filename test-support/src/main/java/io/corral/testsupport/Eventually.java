package io.corral.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait for an asynchronous outcome: retries until it holds or the time is up.
 */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {
    }

    public static void await(Duration limit, String what, BooleanSupplier condition) {
        untilPasses(limit, () -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
        });
    }

    /**
     * Runs {@code assertion} until it stops throwing; past {@code limit} its last failure
     * is thrown.
     */
    public static void untilPasses(Duration limit, Runnable assertion) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            }
            catch (AssertionError | RuntimeException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw notYet;
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

}

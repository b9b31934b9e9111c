package io.corral.receptor.common;

import java.time.Instant;

/**
 * Time as the API reports it ({@code since}, {@code created_at}): nanoseconds since the
 * epoch.
 */
public final class EpochNanos {

    private EpochNanos() {
    }

    public static long now() {
        return of(Instant.now());
    }

    public static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

}

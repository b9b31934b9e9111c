package io.corral.receptor.client;

import java.time.Duration;

/**
 * Waits between attempts that fail one after the other: {@code initial} first, doubling
 * after each failed attempt up to {@code max}; a success starts again from
 * {@code initial}.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    /** The wait after another failure, when the last wait was {@code delay}. */
    public Duration after(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

}

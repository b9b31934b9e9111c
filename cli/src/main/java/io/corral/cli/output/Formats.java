package io.corral.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** How values read in tables: ages, lists, times, long texts. */
public final class Formats {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Formats() {
    }

    /**
     * How long ago {@code epochNanos} was, as {@code 42s}, {@code 5m}, {@code 3h},
     * {@code 2d}.
     */
    public static String age(long epochNanos, Instant now) {
        return span(Duration.between(instant(epochNanos), now));
    }

    /** How long until {@code epochNanos}, or {@code expired}. */
    public static String until(Long epochNanos, Instant now) {
        if (epochNanos == null) {
            return "";
        }
        Duration left = Duration.between(now, instant(epochNanos));
        return left.isNegative() ? "expired" : span(left);
    }

    /** {@code a,b,c}; empty for none. */
    public static String list(Collection<?> values) {
        return values == null ? "" : values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** {@code ssd=10,fast=5}; empty for none. */
    public static String weights(Map<String, Integer> values) {
        return values == null ? ""
                : values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /**
     * An RFC 3339 time to the second ({@code 2026-01-15T09:30:12Z}); as given if it is
     * none.
     */
    public static String time(String rfc3339) {
        if (rfc3339 == null) {
            return "";
        }
        try {
            return Instant.parse(rfc3339).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        catch (DateTimeParseException e) {
            return rfc3339;
        }
    }

    /** {@code text} cut to {@code max} characters, ending with {@code ...} when cut. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    private static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 172_800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }

}

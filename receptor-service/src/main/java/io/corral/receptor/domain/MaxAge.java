package io.corral.receptor.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code max-age} directive of a {@code Cache-Control} header, e.g.
 * {@code public, max-age=120}.
 */
final class MaxAge {

    /**
     * Larger ages are refused: ten digits of seconds already reach past the year 2300.
     */
    private static final int MAX_DIGITS = 10;

    private MaxAge() {
    }

    static Optional<Duration> parse(String cacheControl) {
        if (cacheControl == null) {
            return Optional.empty();
        }
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.startsWith("max-age=")) {
                String seconds = d.substring("max-age=".length());
                if (seconds.isEmpty() || seconds.length() > MAX_DIGITS
                        || !seconds.chars().allMatch(Character::isDigit)) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofSeconds(Long.parseLong(seconds)));
            }
        }
        return Optional.empty();
    }

}

package io.corral.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it verified, by their SHA-256, so a
 * token presented again (a caller's own, on every request) costs a hash instead of an
 * RS256 check. A remembered token is accepted only while it has not expired (with no
 * clock skew, stricter than the decoder) and for at most {@link #MAX_AGE}, the time a JWK
 * set is cached, so a withdrawn key is not trusted longer than it would be anyway; the
 * rest of a token's checks (signature, issuer, audience) cannot change with time.
 * Bounded: when full, it starts over.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    static final int CAPACITY = 10_000;

    private final JwtDecoder decoder;

    private final Clock clock;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder decoder) {
        this(decoder, Clock.systemUTC());
    }

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = sha256(token);
        Instant now = clock.instant();
        Verified known = verified.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known.jwt();
        }
        Jwt jwt = decoder.decode(token);
        Instant until = now.plus(MAX_AGE);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (jwt.getExpiresAt() != null && now.isBefore(until)) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(key, new Verified(jwt, until));
        }
        return jwt;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Verified(Jwt jwt, Instant until) {
    }

}

package io.corral.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bearer token this service presents to the other services, fetched when first needed
 * and again once it is past half its lifetime, so a token never expires in flight.
 */
public final class ServiceTokens implements Supplier<String> {

    /** A token and how long it is valid from when it was issued. */
    public record IssuedToken(String value, Duration ttl) {
    }

    private final Supplier<IssuedToken> issuer;

    private final Clock clock;

    private String token;

    private Instant renewAt = Instant.MIN;

    public ServiceTokens(Supplier<IssuedToken> issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** Tokens minted by the development issuer for {@code scopes}. */
    public static ServiceTokens minted(DevIssuer devIssuer, String subject, List<String> scopes) {
        Duration ttl = Duration.ofHours(1);
        return new ServiceTokens(() -> new IssuedToken(devIssuer.mint(subject, scopes, ttl), ttl), Clock.systemUTC());
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            IssuedToken issued = issuer.get();
            token = issued.value();
            renewAt = now.plus(issued.ttl().dividedBy(2));
        }
        return token;
    }

}

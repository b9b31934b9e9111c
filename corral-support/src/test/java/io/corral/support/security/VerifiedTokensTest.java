package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();

    private Instant expiry = NOW.plus(Duration.ofHours(1));

    private final JwtDecoder decoder = token -> {
        checks.incrementAndGet();
        if (token.equals("forged")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("user").expiresAt(expiry).build();
    };

    @Test
    void aTokenPresentedAgainIsNotCheckedAgain() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, Clock.fixed(NOW, ZoneOffset.UTC));
        tokens.decode("good");
        assertThat(tokens.decode("good").getSubject()).isEqualTo("user");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aRefusedTokenIsCheckedEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(decoder, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aTokenIsRememberedNoLongerThanItIsValid() {
        expiry = NOW.plusSeconds(30);
        VerifiedTokens early = new VerifiedTokens(decoder, Clock.fixed(NOW, ZoneOffset.UTC));
        early.decode("good");
        VerifiedTokens later = new VerifiedTokens(decoder, Clock.fixed(NOW.plusSeconds(31), ZoneOffset.UTC));
        later.decode("good");
        assertThat(checks).hasValue(2);
    }

    @Test
    void aTokenIsCheckedAgainAfterTheMaximumAge() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(decoder, clock);
        tokens.decode("good");
        clock.now = NOW.plus(VerifiedTokens.MAX_AGE).minusSeconds(1);
        tokens.decode("good");
        assertThat(checks).hasValue(1);
        clock.now = NOW.plus(VerifiedTokens.MAX_AGE);
        tokens.decode("good");
        assertThat(checks).hasValue(2);
    }

    @Test
    void anExpiredRememberedTokenGoesBackToTheDecoderWhichRefusesIt() {
        MovableClock clock = new MovableClock();
        expiry = NOW.plusSeconds(10);
        JwtDecoder refusingLater = token -> {
            if (clock.now.isAfter(expiry)) {
                throw new BadJwtException("expired");
            }
            return decoder.decode(token);
        };
        VerifiedTokens tokens = new VerifiedTokens(refusingLater, clock);
        tokens.decode("good");
        clock.now = NOW.plusSeconds(11);
        assertThatThrownBy(() -> tokens.decode("good")).isInstanceOf(BadJwtException.class);
    }

    private static final class MovableClock extends Clock {

        private Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

    }

}

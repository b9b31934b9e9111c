package io.corral.support.security;

import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuedAtValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The time rules every token meets: it has an {@code exp} that has not passed, and it was
 * not issued ({@code iat}) nor made valid ({@code nbf}) in the future, each within the
 * clock skew. Spring Security allows a token without {@code exp}, one that never expires.
 */
public final class TokenTimes {

    private TokenTimes() {
    }

    /** {@code exp} required and not passed, {@code nbf} not ahead. */
    public static JwtTimestampValidator expiry(Duration clockSkew) {
        JwtTimestampValidator validator = new JwtTimestampValidator(clockSkew);
        validator.setAllowEmptyExpiryClaim(false);
        return validator;
    }

    /** {@code iat}, when present, not ahead. */
    public static JwtIssuedAtValidator issuedAt(Duration clockSkew) {
        JwtIssuedAtValidator validator = new JwtIssuedAtValidator();
        validator.setClockSkew(clockSkew);
        return validator;
    }

    public static List<OAuth2TokenValidator<Jwt>> all(Duration clockSkew) {
        return List.of(expiry(clockSkew), issuedAt(clockSkew));
    }

}

package io.corral.support.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
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

    /**
     * {@code iat}, when present, not ahead. Not Spring Security's
     * {@code JwtIssuedAtValidator}: since 7.x it also refuses an {@code iat} more than
     * the skew in the past, which would refuse every token older than a minute.
     */
    public static OAuth2TokenValidator<Jwt> issuedAt(Duration clockSkew) {
        return jwt -> {
            Instant issuedAt = jwt.getIssuedAt();
            if (issuedAt != null && issuedAt.isAfter(Instant.now().plus(clockSkew))) {
                return OAuth2TokenValidatorResult
                    .failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "iat claim is in the future", null));
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    public static List<OAuth2TokenValidator<Jwt>> all(Duration clockSkew) {
        return List.of(expiry(clockSkew), issuedAt(clockSkew));
    }

}

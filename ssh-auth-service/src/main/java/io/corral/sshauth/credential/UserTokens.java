package io.corral.sshauth.credential;

import io.corral.sshauth.access.Caller;
import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import io.corral.support.security.DevIssuer;
import io.corral.support.security.DevIssuerProperties;
import io.corral.support.security.TokenProperties;
import io.corral.support.security.TokenTimes;
import io.corral.support.security.VerifiedTokens;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * Checks a user's bearer token with Spring Security's JWT machinery: signature against
 * the issuer's keys, expiry, issuer and audience. UAA's claims name the user
 * ({@code user_id}, else {@code sub}; {@code user_name}) and the scopes.
 */
@Component
public class UserTokens {

    private static final String BEARER = "bearer ";

    private final JwtDecoder decoder;

    private final Set<String> adminScopes;

    public UserTokens(UserTokenProperties properties, ObjectProvider<DevIssuer> devIssuer,
            DevIssuerProperties devIssuerProperties, TokenProperties tokenTimes) {
        this.adminScopes = Set.copyOf(properties.adminScopes());
        NimbusJwtDecoder nimbus;
        String issuer;
        if (properties.jwkSetUri() != null) {
            var requests = new SimpleClientHttpRequestFactory();
            requests.setConnectTimeout(properties.timeout());
            requests.setReadTimeout(properties.timeout());
            nimbus = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .restOperations(new RestTemplate(requests))
                .build();
            issuer = properties.issuer();
        }
        else {
            DevIssuer dev = devIssuer.getIfAvailable();
            if (dev == null) {
                throw new IllegalStateException("set corral.ssh.user-tokens.jwk-set-uri, issuer and audiences"
                        + " (the users' token issuer), or enable the development issuer");
            }
            nimbus = NimbusJwtDecoder.withPublicKey(dev.publicKey()).build();
            issuer = devIssuerProperties.issuer();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(TokenTimes.all(tokenTimes.clockSkew()));
        validators.add(new JwtIssuerValidator(issuer));
        if (!properties.audiences().isEmpty()) {
            List<String> audiences = properties.audiences();
            validators.add(new JwtClaimValidator<Collection<String>>("aud",
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        nimbus.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        this.decoder = new VerifiedTokens(nimbus);
    }

    /** Whether {@code password} has a token's shape (else it may be a one-time code). */
    public static boolean looksLikeToken(String password) {
        String token = stripBearer(password);
        return token.chars().filter(c -> c == '.').count() == 2 && token.length() > 20;
    }

    /**
     * The user of {@code password}, a bearer token with or without {@code bearer }.
     * @throws RefusedException {@code token_expired} for an expired token that is
     * otherwise good, {@code invalid_credential} for anything else wrong
     */
    public VerifiedUser verify(String password) {
        String token = stripBearer(password);
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        }
        catch (JwtValidationException e) {
            throw new RefusedException(expired(e) ? RefusalReason.TOKEN_EXPIRED : RefusalReason.INVALID_CREDENTIAL);
        }
        catch (JwtException e) {
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
        return new VerifiedUser(callerOf(jwt), token);
    }

    private Caller callerOf(Jwt jwt) {
        String userId = jwt.getClaimAsString("user_id");
        if (userId == null) {
            userId = jwt.getSubject();
        }
        if (userId == null || userId.isBlank()) {
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
        Object scope = jwt.getClaim("scope");
        List<String> scopes = scope instanceof String spaced ? List.of(spaced.split(" "))
                : jwt.getClaimAsStringList("scope");
        boolean admin = scopes != null && scopes.stream().anyMatch(adminScopes::contains);
        return new Caller(userId, jwt.getClaimAsString("user_name"), admin);
    }

    /**
     * A token whose signature holds, for this issuer and audience, that has expired; the
     * time checks may add that its {@code iat} is stale too.
     */
    private static boolean expired(JwtValidationException e) {
        List<String> problems = e.getErrors().stream().map(error -> String.valueOf(error.getDescription())).toList();
        return problems.stream().anyMatch(p -> p.contains("expired"))
                && problems.stream().noneMatch(p -> p.contains("iss claim") || p.contains("aud claim"));
    }

    private static String stripBearer(String password) {
        String trimmed = password.strip();
        return trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? trimmed.substring(BEARER.length()).strip()
                : trimmed;
    }

}

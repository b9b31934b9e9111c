package io.corral.sshauth.credential;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The issuer of the users' tokens, which {@code cf:} logins present as their password (or
 * exchange a code for). Without {@code jwkSetUri}, the development issuer's tokens
 * (embedded profile, tests).
 *
 * @param jwkSetUri the issuer's JWK set ({@code https://uaa.example.com/token_keys})
 * @param issuer the {@code iss} the tokens must carry; required with {@code jwkSetUri}
 * @param audiences a token's {@code aud} must name one of these (UAA names the resource
 * servers: {@code cloud_controller}); required with {@code jwkSetUri}
 * @param adminScopes a token with any of these scopes reaches every app
 * @param timeout how long fetching the JWK set may take
 */
@Validated
@ConfigurationProperties("corral.ssh.user-tokens")
public record UserTokenProperties(URI jwkSetUri, String issuer, List<String> audiences,
        @NotNull List<String> adminScopes, Duration timeout) {

    public UserTokenProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        adminScopes = adminScopes == null ? List.of("cloud_controller.admin") : List.copyOf(adminScopes);
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        if (jwkSetUri != null && (issuer == null || issuer.isBlank() || audiences.isEmpty())) {
            throw new IllegalArgumentException(
                    "corral.ssh.user-tokens.jwk-set-uri needs issuer and audiences: a token of another issuer or"
                            + " meant for another service must not open a shell");
        }
    }
}

package io.corral.support.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The development token issuer: a local RSA key that signs tokens, so the embedded
 * default works with no UAA. Never enable it where a real issuer exists.
 *
 * @param enabled whether tokens are checked against the local key instead of an issuer's
 * JWK set
 * @param keyFile where the key pair is kept, so every service of one machine shares it;
 * required when enabled ({@code .corral/dev-issuer.key} in the {@code embedded} profile
 * and the launcher)
 * @param issuer the {@code iss} claim of minted tokens
 * @param tokenTtl how long a printed development token stays valid
 * @param tokenFile where the token printed at startup is also written, for scripts;
 * required when enabled ({@code .corral/dev-token} in the {@code embedded} profile and
 * the launcher)
 */
@Validated
@ConfigurationProperties("corral.security.dev-issuer")
public record DevIssuerProperties(boolean enabled, Path keyFile, @NotBlank String issuer, @NotNull Duration tokenTtl,
        Path tokenFile) {

    public DevIssuerProperties {
        // No default location: tests and benchmarks that turn the issuer on name their
        // own
        // files, so they never overwrite the key or token of a platform running in
        // .corral/.
        if (enabled && (keyFile == null || tokenFile == null)) {
            throw new IllegalArgumentException("corral.security.dev-issuer.enabled needs key-file and token-file");
        }
        issuer = issuer == null ? "corral-dev-issuer" : issuer;
        tokenTtl = tokenTtl == null ? Duration.ofHours(12) : tokenTtl;
    }
}

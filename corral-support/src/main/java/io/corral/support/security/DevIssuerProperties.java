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
 * @param keyFile where the key pair is kept, so every service of one machine shares it
 * @param issuer the {@code iss} claim of minted tokens
 * @param tokenTtl how long a printed development token stays valid
 * @param tokenFile where the token printed at startup is also written, for scripts
 */
@Validated
@ConfigurationProperties("corral.security.dev-issuer")
public record DevIssuerProperties(boolean enabled, @NotNull Path keyFile, @NotBlank String issuer,
        @NotNull Duration tokenTtl, @NotNull Path tokenFile) {

    public DevIssuerProperties {
        keyFile = keyFile == null ? Path.of(".corral", "dev-issuer.key") : keyFile;
        issuer = issuer == null ? "corral-dev-issuer" : issuer;
        tokenTtl = tokenTtl == null ? Duration.ofHours(12) : tokenTtl;
        tokenFile = tokenFile == null ? Path.of(".corral", "dev-token") : tokenFile;
    }
}

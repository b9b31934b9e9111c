package io.corral.support.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens' times are checked, for every issuer.
 *
 * @param clockSkew how far the issuer's clock may be from this service's: a token is
 * refused once its {@code exp} is this far past, or when its {@code iat} or {@code nbf}
 * is this far ahead (0 to 5 minutes)
 */
@Validated
@ConfigurationProperties("corral.security")
public record TokenProperties(@NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration clockSkew) {

    public TokenProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
    }
}

package io.corral.sshauth.authorize;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling of failed logins.
 *
 * @param perMinute failed logins allowed per minute from one client address, and for one
 * user (once a credential names them); the next attempt is answered 429 until a share has
 * come back
 */
@Validated
@ConfigurationProperties("corral.ssh.failures")
public record FailureProperties(@Min(1) @Max(10_000) Integer perMinute) {

    public FailureProperties {
        perMinute = perMinute == null ? 5 : perMinute;
    }
}

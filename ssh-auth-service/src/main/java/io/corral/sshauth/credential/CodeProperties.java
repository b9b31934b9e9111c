package io.corral.sshauth.credential;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * One-time codes ({@code POST /v1/ssh/codes}).
 *
 * @param ttl how long a code may be used (once): 60 s, as Cloud Foundry's
 */
@Validated
@ConfigurationProperties("corral.ssh.codes")
public record CodeProperties(@DurationMin(seconds = 5) @DurationMax(minutes = 10) Duration ttl) {

    public CodeProperties {
        ttl = ttl == null ? Duration.ofSeconds(60) : ttl;
    }
}

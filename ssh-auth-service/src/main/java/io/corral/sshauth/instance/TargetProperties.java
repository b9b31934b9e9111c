package io.corral.sshauth.instance;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How logins reach the receptor.
 *
 * @param timeout how long one receptor call may take
 * @param cacheTtl how long an app's desired and actual LRPs are reused without asking the
 * receptor again; the receptor's events drop an entry as soon as it changes, so this only
 * bounds how stale an entry can be while the event stream is down
 */
@Validated
@ConfigurationProperties("corral.ssh.receptor")
public record TargetProperties(@DurationMin(millis = 100) @DurationMax(seconds = 60) Duration timeout,
        @DurationMin(seconds = 0) @DurationMax(minutes = 10) Duration cacheTtl) {

    public TargetProperties {
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(10) : cacheTtl;
    }
}

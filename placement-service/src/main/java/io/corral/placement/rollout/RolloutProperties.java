package io.corral.placement.rollout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How rollouts proceed.
 *
 * @param interval how often the leader looks at the receptor to move rollouts on
 * @param leaseTtl how long the rollout lease lasts; a standby resumes the rollouts within
 * it
 * @param maxInFlight how many instances all rollouts together replace at once (still one
 * per process)
 */
@Validated
@ConfigurationProperties("corral.placement.rollout")
public record RolloutProperties(@NotNull @DurationMin(millis = 100) Duration interval,
        @NotNull @DurationMin(seconds = 1) Duration leaseTtl, @NotNull @Min(1) @Max(10_000) Integer maxInFlight) {

    public RolloutProperties {
        interval = interval == null ? Duration.ofSeconds(2) : interval;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(15) : leaseTtl;
        maxInFlight = maxInFlight == null ? 50 : maxInFlight;
    }
}

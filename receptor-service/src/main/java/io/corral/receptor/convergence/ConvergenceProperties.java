package io.corral.receptor.convergence;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param interval time between two convergence passes of the leader
 * @param leaseTtl how long the convergence lease lasts without renewal: a standby takes
 * over about this long after the leader dies (at once when it shuts down cleanly)
 * @param placementTimeout how long an instance assigned to a cell may wait for that
 * cell's claim before it is placed again
 */
@Validated
@ConfigurationProperties("corral.convergence")
public record ConvergenceProperties(@NotNull @DurationMin(millis = 100) Duration interval,
        @NotNull @DurationMin(seconds = 1) Duration leaseTtl,
        @NotNull @DurationMin(seconds = 1) Duration placementTimeout) {

    public ConvergenceProperties {
        interval = interval == null ? Duration.ofSeconds(30) : interval;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(30) : leaseTtl;
        placementTimeout = placementTimeout == null ? Duration.ofMinutes(2) : placementTimeout;
    }
}

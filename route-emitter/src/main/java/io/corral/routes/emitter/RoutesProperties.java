package io.corral.routes.emitter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The route emitter's settings ({@code corral.routes.*}).
 *
 * @param syncInterval how often the leader reads every LRP and cell from the receptor and
 * publishes the difference from its table
 * @param leaseTtl how long the leader's lease lasts; a standby takes over within it
 * @param registerInterval how often every route is registered again until a router
 * announces a shorter {@code minimumRegisterIntervalInSeconds}
 * @param unregisterRepeats how many times an unregister is sent again, one
 * re-registration interval apart, unless the route is registered again meanwhile
 * @param eventLogSize how many routes' changes {@code GET /v1/routes/events} keeps for
 * clients resuming with {@code Last-Event-ID}; one resuming from before them gets a new
 * snapshot
 */
@Validated
@ConfigurationProperties("corral.routes")
public record RoutesProperties(@NotNull Duration syncInterval, @NotNull Duration leaseTtl,
        @NotNull Duration registerInterval, @Min(0) @Max(100) int unregisterRepeats,
        @Min(1) @Max(1_000_000) int eventLogSize) {
}

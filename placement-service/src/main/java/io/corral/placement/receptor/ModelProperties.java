package io.corral.placement.receptor;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the placement model of the receptor's state is kept.
 *
 * @param fullReadInterval how often the model is read from the receptor in full besides
 * the start and {@code events_lost}: a safety net, since the events keep it current
 * @param pendingTtl how long a placement the auction wrote (or may have written) counts
 * without its event having arrived
 * @param syncWait how long explain, simulate, a constraint's violations and rollouts wait
 * for the model's first full read before answering {@code 503}
 */
@Validated
@ConfigurationProperties("corral.placement.model")
public record ModelProperties(@NotNull @DurationMin(seconds = 1) Duration fullReadInterval,
        @NotNull @DurationMin(millis = 100) Duration pendingTtl, @NotNull Duration syncWait) {

    public ModelProperties {
        fullReadInterval = fullReadInterval == null ? Duration.ofMinutes(5) : fullReadInterval;
        pendingTtl = pendingTtl == null ? Duration.ofSeconds(30) : pendingTtl;
        syncWait = syncWait == null ? Duration.ofSeconds(30) : syncWait;
    }
}

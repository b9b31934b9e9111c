package io.corral.receptor.assignment;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param idempotencyRetention how long the outcome of an assignment batch sent with an
 * {@code Idempotency-Key} is remembered: a retry within it answers that outcome
 */
@Validated
@ConfigurationProperties("corral.assignments")
public record AssignmentProperties(@NotNull @DurationMin(seconds = 1) Duration idempotencyRetention) {

    public AssignmentProperties {
        idempotencyRetention = idempotencyRetention == null ? Duration.ofMinutes(10) : idempotencyRetention;
    }
}

package io.corral.receptor.assignment;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param idempotencyRetention how long the outcome of an assignment batch sent with an
 * {@code Idempotency-Key} is remembered: a retry within it answers that outcome
 * @param concurrentBatches how many assignment batches are taken at once; each holds a
 * database connection while it runs, so the rest of the pool is left to single requests
 * (a cell's reports and heartbeats among them)
 * @param batchWait how long a batch waits for its turn before it is answered 503
 * {@code DatabaseUnavailable}
 */
@Validated
@ConfigurationProperties("corral.assignments")
public record AssignmentProperties(@NotNull @DurationMin(seconds = 1) Duration idempotencyRetention,
        @NotNull @Min(1) Integer concurrentBatches, @NotNull @DurationMin(millis = 0) Duration batchWait) {

    public AssignmentProperties {
        idempotencyRetention = idempotencyRetention == null ? Duration.ofMinutes(10) : idempotencyRetention;
        concurrentBatches = concurrentBatches == null ? 4 : concurrentBatches;
        batchWait = batchWait == null ? Duration.ofSeconds(10) : batchWait;
    }
}

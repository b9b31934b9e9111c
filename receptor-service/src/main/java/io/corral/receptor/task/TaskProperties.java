package io.corral.receptor.task;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param callbackAttempts how many times a completion callback is POSTed before giving up
 * @param callbackBackoff the wait after the first failed attempt, doubled after each
 * further one
 * @param callbackTimeout how long one attempt may take
 * @param callbackThreads threads delivering callbacks
 * @param claimTimeout a task CLAIMED on a cell that has not started it for this long is
 * placed again (Diego's {@code kick_task_duration})
 * @param resolvingTimeout a task RESOLVING this long lost its delivery (the replica
 * stopped) and returns to COMPLETED
 * @param completedRetention a COMPLETED task is deleted this long after it completed
 * (Diego's {@code expire_completed_task_duration})
 */
@Validated
@ConfigurationProperties("corral.tasks")
public record TaskProperties(@NotNull @Min(1) @Max(20) Integer callbackAttempts, @NotNull Duration callbackBackoff,
        @NotNull Duration callbackTimeout, @NotNull @Min(1) @Max(64) Integer callbackThreads,
        @NotNull Duration claimTimeout, @NotNull Duration resolvingTimeout, @NotNull Duration completedRetention) {

    public TaskProperties {
        callbackAttempts = Objects.requireNonNullElse(callbackAttempts, 3);
        callbackBackoff = Objects.requireNonNullElse(callbackBackoff, Duration.ofSeconds(1));
        callbackTimeout = Objects.requireNonNullElse(callbackTimeout, Duration.ofSeconds(10));
        callbackThreads = Objects.requireNonNullElse(callbackThreads, 4);
        claimTimeout = Objects.requireNonNullElse(claimTimeout, Duration.ofSeconds(30));
        resolvingTimeout = Objects.requireNonNullElse(resolvingTimeout, Duration.ofMinutes(5));
        completedRetention = Objects.requireNonNullElse(completedRetention, Duration.ofMinutes(2));
    }

    /** The wait before attempt {@code attempt + 1}. */
    public Duration backoffAfter(int attempt) {
        return callbackBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}

package io.corral.receptor.events;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the event stream {@code GET /v1/events}.
 *
 * @param retention how long events are kept for clients that resume with
 * {@code Last-Event-ID}
 * @param retentionSweepInterval how often events older than {@code retention} are deleted
 * @param pollInterval how often the outbox is read even without a notification (a safety
 * net)
 * @param batchSize how many events one read of the outbox returns at most
 * @param clientQueueSize how many events a client may fall behind before it is
 * disconnected
 * @param heartbeatInterval how often an idle stream gets a comment line, so proxies keep
 * it open
 * @param streamTimeout how long one stream lasts before the client must reconnect; zero
 * for ever
 * @param maxWriteTransaction how long a write transaction of the receptor may hold back
 * the event stream: one open longer (counted from its start) is ended, so it can never
 * commit
 */
@Validated
@ConfigurationProperties("corral.events")
public record EventProperties(@NotNull @DurationMin(seconds = 1) Duration retention,
        @NotNull @DurationMin(millis = 10) Duration retentionSweepInterval,
        @NotNull @DurationMin(millis = 10) Duration pollInterval, @Min(1) @Max(10_000) Integer batchSize,
        @Min(1) @Max(1_000_000) Integer clientQueueSize, @NotNull @DurationMin(millis = 10) Duration heartbeatInterval,
        @NotNull @DurationMin(millis = 0) Duration streamTimeout,
        @NotNull @DurationMin(seconds = 1) Duration maxWriteTransaction) {

    public EventProperties {
        retention = retention == null ? Duration.ofHours(1) : retention;
        retentionSweepInterval = retentionSweepInterval == null ? Duration.ofMinutes(1) : retentionSweepInterval;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        clientQueueSize = clientQueueSize == null ? 10_000 : clientQueueSize;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(15) : heartbeatInterval;
        streamTimeout = streamTimeout == null ? Duration.ZERO : streamTimeout;
        maxWriteTransaction = maxWriteTransaction == null ? Duration.ofSeconds(60) : maxWriteTransaction;
    }

    /**
     * One read of the outbox is handed to a client at once, so its queue must hold a
     * whole batch.
     */
    @AssertTrue(message = "client-queue-size must be at least batch-size")
    public boolean isClientQueueHoldingABatch() {
        return clientQueueSize >= batchSize;
    }
}
